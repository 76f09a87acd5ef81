/// The page's only styling, inlined: no external assets, readable without JavaScript, printable.
public enum HTMLStylesheet {
    public static let css = """
    body { font: 14px/1.45 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #1f2328; margin: 2em auto; max-width: 70em; padding: 0 1em; }
    h1 { font-size: 1.6em; border-bottom: 1px solid #d0d7de; padding-bottom: .3em; }
    h2 { font-size: 1.3em; margin-top: 2em; }
    h3 { font-size: 1.05em; }
    code, pre { font: 12.5px/1.4 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
    table { border-collapse: collapse; margin: .8em 0; }
    th, td { border: 1px solid #d0d7de; padding: .3em .7em; text-align: left; vertical-align: top; }
    th { background: #f6f8fa; }
    dl.facts { display: grid; grid-template-columns: max-content auto; gap: .2em 1em; }
    dl.facts dt { font-weight: 600; }
    dl.facts dd { margin: 0; }
    .action { font-weight: 600; white-space: nowrap; }
    .create { color: #1a7f37; } .configure, .drifted, .adopt { color: #9a6700; } .prune, .failed, .conflict { color: #cf222e; }
    .kept { color: #0969da; } .unchanged { color: #656d76; }
    .health-healthy { color: #1a7f37; } .health-progressing, .health-suspended { color: #9a6700; }
    .health-degraded, .health-missing { color: #cf222e; } .health-unknown { color: #656d76; }
    .nowrap { white-space: nowrap; }
    .no-changes { font-weight: 600; color: #1a7f37; }
    details { border: 1px solid #d0d7de; border-radius: 6px; margin: .6em 0; }
    summary { padding: .4em .8em; background: #f6f8fa; cursor: pointer; }
    pre.diff { margin: 0; padding: .5em .8em; overflow-x: auto; }
    pre.diff span { display: block; white-space: pre; }
    pre.diff .added { background: #dafbe1; }
    pre.diff .removed { background: #ffebe9; }
    .message { margin: .4em .8em; }
    ul.notes li { margin: .3em 0; }
    .warning { color: #9a6700; font-weight: 600; } .info { color: #0969da; font-weight: 600; }
    """
}
