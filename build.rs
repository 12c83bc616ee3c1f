//! Rebuilds when a message file changes: the `.ftl` files are embedded in the binary.

fn main() {
    println!("cargo::rerun-if-changed=locales");
}
