/// The tag part of an image reference, as `pkg/util/parsers.ParseImageName` finds it: `latest`
/// when neither tag nor digest is given, empty when only a digest is.
enum ImageTag {
    static func of(_ image: String) -> String {
        var name = Substring(image)
        var hasDigest = false
        if let at = name.firstIndex(of: "@") {
            hasDigest = true
            name = name[..<at]
        }
        let lastComponent = name.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
        if let colon = lastComponent.lastIndex(of: ":") {
            return String(lastComponent[lastComponent.index(after: colon)...])
        }
        return hasDigest ? "" : "latest"
    }
}
