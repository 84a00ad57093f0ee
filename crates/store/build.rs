// `sqlx::migrate!` embeds crates/store/migrations: rebuild when a migration is
// added or changed (sqlx's documented build script).
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
