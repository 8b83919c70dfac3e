//! Running the real readers the manifest tests hold output to (kubectl, kubernetes-validate),
//! in a scratch folder of the test's own.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository root.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh scratch folder under the target dir: `<suite>/<pid>-<name>`.
pub fn scratch(suite: &str, name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(suite)
        .join(format!("{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// Runs `cmd` and returns its standard output; fails the test, with both outputs, when it fails.
pub fn run(cmd: &mut Command, what: &str) -> String {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{what} cannot run ({e}): `bash .ci/setup` documents it"));
    assert!(
        out.status.success(),
        "{what} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// Runs `kubernetes-validate --strict` for Kubernetes 1.37.0 on `file` (the venv `.ci/setup`
/// makes, or `AKS_SC_KUBERNETES_VALIDATE`); fails the test when a manifest does not validate.
pub fn kubernetes_validate(file: &Path) {
    let validator = std::env::var_os("AKS_SC_KUBERNETES_VALIDATE")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target/ci-venv/bin/kubernetes-validate"));
    run(
        Command::new(validator)
            .args(["--strict", "-k", "1.37.0"])
            .arg(file),
        "kubernetes-validate",
    );
}

/// `kubectl patch --local --type strategic` of the manifest `input` (written to `dir`) with
/// `patch`: kubectl's own merge, printed as `output` (`json` or `yaml`).
pub fn strategic_patch(dir: &Path, input: &str, patch: &str, output: &str) -> String {
    let file = dir.join("input.yaml");
    std::fs::write(&file, input).expect("write");
    run(
        Command::new("kubectl")
            .args([
                "patch",
                "--local",
                "--type",
                "strategic",
                "-o",
                output,
                "-f",
            ])
            .arg(&file)
            .arg("-p")
            .arg(patch),
        "kubectl patch --local",
    )
}
