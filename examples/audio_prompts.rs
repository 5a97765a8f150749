//! Prints every spoken prompt as `lang<TAB>file stem<TAB>text`, one per line, for the voice
//! generation script (`assets/audio/generate.py`). The texts come from the app itself.

use acupress::bundled;
use acupress::speech::Prompt;
use acupress::text::Lang;

fn main() -> anyhow::Result<()> {
    let catalog = bundled::catalog()?;
    for lang in Lang::ALL {
        for prompt in Prompt::all(&catalog) {
            let text = prompt.text(&catalog, lang).unwrap_or_default();
            println!("{}\t{}\t{}", lang.code(), prompt.file_stem(), text.replace(['\t', '\n'], " "));
        }
    }
    Ok(())
}
