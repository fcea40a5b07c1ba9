pub fn run(
    _b: crate::book::Book,
    _c: crate::config::Config,
    _k: crate::clock::Clock,
) -> anyhow::Result<()> {
    Ok(())
}
