/// What a page needs to know about who is looking: whether someone is signed in (and may act),
/// and the CSRF token its forms carry.
struct SessionView: Sendable {
    var user: String?
    var csrf: String
    /// Sign-in is configured (`server.auth.tokenEnv`).
    var signInAvailable: Bool
    /// Actions may be offered: signed in, and not a read-only server.
    var canAct: Bool

    static let anonymous = SessionView(user: nil, csrf: "", signInAvailable: false, canAct: false)

    /// The hidden field every form carries.
    var csrfField: String { "<input type=\"hidden\" name=\"csrf\" value=\"\(h(csrf))\">" }
}
