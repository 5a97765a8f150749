//! A short, deterministic fuzz run of the loaders (the long run is `examples/fuzz_loaders.rs`); a panic would be
//! printed by the default hook and counted as a finding.

#[test]
fn loaders_keep_their_promises_on_mutated_input() {
    let report = acupress_fuzz::run(7, std::time::Duration::from_secs(20), 3_000);
    assert!(report.executions >= 500, "only {} executions", report.executions);
    assert!(report.findings.is_empty(), "{:#?}", report.findings);
}
