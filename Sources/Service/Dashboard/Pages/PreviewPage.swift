import Reports

/// `/preview`: what a branch, tag or commit would change in an environment (`mooring diff
/// --env E --revision R`), and what promoting one environment into another would change
/// (`mooring diff --from A --to B`), rendered with the same report. Plain GET forms: a preview
/// changes nothing, so it needs no sign-in and works without JavaScript.
struct PreviewPage {
    var environments: [String]
    var environment: String?
    var revision: String?
    var from: String?
    var to: String?
    /// The answer to the submitted form, when one was submitted.
    var result: Result<Report, DashboardError>?
    var session: SessionView

    func render() -> String {
        var html = "<h1>Preview</h1>"
        html += "<section aria-labelledby=\"revision-preview\"><h2 id=\"revision-preview\">A revision against the cluster</h2>"
        html += "<form class=\"stack\" method=\"get\" action=\"/preview\">"
        html += "<label for=\"environment\">Environment</label>" + select("environment", selected: environment)
        html += "<label for=\"revision\">Branch, tag or commit</label>"
        html += "<input id=\"revision\" name=\"revision\" value=\"\(h(revision ?? ""))\" placeholder=\"the environment's ref\" autocomplete=\"off\">"
        html += "<button type=\"submit\">Preview diff</button></form></section>"

        html += "<section aria-labelledby=\"promotion-preview\"><h2 id=\"promotion-preview\">A promotion</h2>"
        html += "<form class=\"stack\" method=\"get\" action=\"/preview\">"
        html += "<label for=\"from\">From</label>" + select("from", selected: from ?? environments.first)
        html += "<label for=\"to\">To</label>" + select("to", selected: to ?? environments.dropFirst().first)
        html += "<button type=\"submit\">Preview promotion</button></form></section>"

        guard let result else { return html }
        html += "<section aria-labelledby=\"result\"><h2 id=\"result\">Result</h2>"
        switch result {
        case .success(let report):
            html += "<div class=\"report\">" + report.environments.map { HTMLRenderer().render($0) }.joined() + "</div>"
            if let from, let to, session.canAct, report.hasChanges {
                html += "<form method=\"post\" action=\"/promote\" class=\"actions\">\(session.csrfField)"
                    + "<input type=\"hidden\" name=\"from\" value=\"\(h(from))\"><input type=\"hidden\" name=\"to\" value=\"\(h(to))\">"
                    + "<button type=\"submit\" class=\"primary\">Promote \(h(from)) → \(h(to)): commit and push</button></form>"
            }
        case .failure(let error):
            html += "<p class=\"notice bad\" role=\"alert\">\(h(error.description))</p>"
        }
        return html + "</section>"
    }

    func select(_ name: String, selected: String?) -> String {
        "<select id=\"\(name)\" name=\"\(name)\">" + environments.map { environment in
            "<option value=\"\(h(environment))\"\(environment == selected ? " selected" : "")>\(h(environment))</option>"
        }.joined() + "</select>"
    }
}
