//! Starting acupress, minimised, when the person logs in: an XDG autostart entry on Linux and the
//! BSDs, a launch agent on macOS, a `Run` value for the current user on Windows. Written here
//! (about as short as a crate's wrapper would be) so the program's path is quoted correctly on
//! each system and the folders come from `directories`.

use std::path::{Path, PathBuf};

use super::StoreError;

/// The argument that starts the window minimised.
pub const MINIMISED_ARG: &str = "--minimised";

/// The `Exec` line's quoting for a desktop entry: the path in double quotes, with `"`, `` ` ``,
/// `$` and `\` escaped, and `%` written `%%` (a field code otherwise): the desktop entry
/// specification's rules.
pub fn desktop_entry(exe: &Path) -> String {
    let path = exe.display().to_string();
    let mut quoted = String::with_capacity(path.len() + 2);
    for c in path.chars() {
        if matches!(c, '"' | '`' | '$' | '\\') {
            quoted.push('\\');
        }
        quoted.push(c);
    }
    // In a desktop file a backslash is itself escaped once more.
    let quoted = quoted.replace('\\', "\\\\").replace('%', "%%");
    format!(
        "[Desktop Entry]\nType=Application\nName=acupress\nComment=Reminders for your acupressure program\nExec=\"{quoted}\" {MINIMISED_ARG}\nTerminal=false\nStartupNotify=false\nX-GNOME-Autostart-enabled=true\n"
    )
}

/// A macOS launch agent that opens `exe` at login (arguments as a list: no quoting needed, but
/// XML escaping).
pub fn launch_agent(exe: &Path) -> String {
    let escape = |text: &str| text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n<plist version=\"1.0\">\n<dict>\n  <key>Label</key>\n  <string>nl.acupress.login</string>\n  <key>ProgramArguments</key>\n  <array>\n    <string>{}</string>\n    <string>{MINIMISED_ARG}</string>\n  </array>\n  <key>RunAtLoad</key>\n  <true/>\n</dict>\n</plist>\n",
        escape(&exe.display().to_string())
    )
}

/// Where the login entry goes on this system (`None` on Windows, where it is a registry value,
/// or when there is no home folder).
fn entry_path() -> Option<PathBuf> {
    let dirs = directories::BaseDirs::new()?;
    if cfg!(target_os = "macos") {
        Some(dirs.home_dir().join("Library/LaunchAgents/nl.acupress.login.plist"))
    } else if cfg!(windows) {
        None
    } else {
        Some(dirs.config_dir().join("autostart/acupress.desktop"))
    }
}

/// Writes (or removes) the login entry for `exe` in `path`.
pub fn write_entry(path: &Path, contents: Option<&str>) -> Result<(), StoreError> {
    match contents {
        Some(contents) => {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(StoreError::io(dir))?;
            }
            super::write_atomic(path, contents.as_bytes())
        }
        None => match std::fs::remove_file(path) {
            Err(err) if err.kind() != std::io::ErrorKind::NotFound => {
                Err(StoreError::Io { path: path.to_owned(), cause: err })
            }
            _ => Ok(()),
        },
    }
}

/// Starts acupress at login (minimised), or stops doing so.
pub fn set_start_at_login(enabled: bool) -> Result<(), StoreError> {
    let exe = std::env::current_exe().map_err(|cause| StoreError::Io { path: PathBuf::from("acupress"), cause })?;
    #[cfg(windows)]
    {
        windows_run_value(&exe, enabled)
    }
    #[cfg(not(windows))]
    {
        let Some(path) = entry_path() else { return Err(StoreError::NoHome) };
        let contents = if cfg!(target_os = "macos") { launch_agent(&exe) } else { desktop_entry(&exe) };
        write_entry(&path, enabled.then_some(contents.as_str()))
    }
}

/// The current user's `Run` value, with the path quoted (an unquoted path with spaces would run
/// something else).
#[cfg(windows)]
fn windows_run_value(exe: &Path, enabled: bool) -> Result<(), StoreError> {
    const RUN: &str = r"Software\Microsoft\Windows\CurrentVersion\Run";
    let io = |err: windows_registry::Error| StoreError::Io {
        path: PathBuf::from(format!(r"HKEY_CURRENT_USER\{RUN}")),
        cause: std::io::Error::other(err.to_string()),
    };
    let key = windows_registry::CURRENT_USER.create(RUN).map_err(io)?;
    if enabled {
        key.set_string("acupress", format!("\"{}\" {MINIMISED_ARG}", exe.display())).map_err(io)
    } else {
        match key.remove_value("acupress") {
            Ok(()) => Ok(()),
            Err(_) if key.get_string("acupress").is_err() => Ok(()),
            Err(err) => Err(io(err)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_with_spaces_and_quotes_are_quoted() {
        let entry = desktop_entry(Path::new("/home/an/My Apps/acu\"press$"));
        assert!(entry.contains("Exec=\"/home/an/My Apps/acu\\\\\"press\\\\$\" --minimised\n"), "{entry}");
        let entry = desktop_entry(Path::new("/home/an/100% mine/acupress"));
        assert!(entry.contains("Exec=\"/home/an/100%% mine/acupress\" --minimised\n"), "{entry}");
        let agent = launch_agent(Path::new("/Applications/A & B/acupress"));
        assert!(agent.contains("<string>/Applications/A &amp; B/acupress</string>"), "{agent}");
        assert!(agent.contains("<string>--minimised</string>"));
    }

    #[test]
    fn the_entry_is_written_and_removed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("autostart/acupress.desktop");
        write_entry(&path, Some("x")).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "x");
        write_entry(&path, None).unwrap();
        assert!(!path.exists());
        write_entry(&path, None).unwrap();
    }
}
