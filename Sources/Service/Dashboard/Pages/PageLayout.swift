import Foundation
import Reports

/// The frame every dashboard page shares: the header with its navigation and sign-in state, the
/// page's `<main>`, and the one stylesheet and script, both served by Mooring (`/assets/…`), so
/// the Content-Security-Policy can forbid everything else.
///
/// `live` names what `<main>` shows ("*" for every environment): the script refreshes it when
/// `/events` reports about that environment. Without JavaScript the page is complete as served.
struct PageLayout {
    var title: String
    var session: SessionView
    var live: String?

    func render(_ main: String) -> String {
        let signIn: String
        if let user = session.user {
            signIn = """
                <form class="inline" method="post" action="/logout"><input type="hidden" name="csrf" value="\(h(session.csrf))">\
                <span class="user">Signed in as <strong>\(h(user))</strong></span> <button type="submit">Sign out</button></form>
                """
        } else if session.signInAvailable {
            signIn = "<a href=\"/login\">Sign in</a>"
        } else {
            signIn = ""
        }
        let liveAttribute = live.map { " data-live=\"\(h($0))\"" } ?? ""
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="color-scheme" content="light dark">
            <title>\(h(title)) · Mooring</title>
            <link rel="stylesheet" href="/assets/dashboard.css">
            <script src="/assets/dashboard.js" defer></script>
            </head>
            <body>
            <a class="skip" href="#main">Skip to content</a>
            <header class="top">
            <nav aria-label="Main"><a class="brand" href="/">⚓ Mooring</a> <a href="/">Environments</a> <a href="/preview">Preview</a></nav>
            <div class="session">\(signIn)</div>
            </header>
            <main id="main"\(liveAttribute)>
            \(main)
            </main>
            <p id="live-status" class="live-status" role="status" aria-live="polite"></p>
            </body>
            </html>

            """
    }
}

/// HTML-escapes text for element content and attribute values.
func h(_ text: String) -> String { HTMLEscaping.escape(text) }

/// Percent-encodes a query value.
func q(_ text: String) -> String {
    text.addingPercentEncoding(withAllowedCharacters: .urlQueryValueAllowed) ?? text
}

extension CharacterSet {
    static let urlQueryValueAllowed: CharacterSet = {
        var set = CharacterSet.alphanumerics
        set.insert(charactersIn: "-._~")
        return set
    }()
}
