import Manifests

/// Reads what the server serves: aggregated discovery (`apidiscovery.k8s.io` v2, or v2beta1 on
/// 1.26–1.29 servers) in two requests, else the legacy per-group-version documents.
struct DiscoveryClient: Sendable {
    let transport: APITransport

    static let aggregatedAccept = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
        + "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json"

    func discover() async throws -> RESTMapper {
        async let core = fetch("/api")
        async let groups = fetch("/apis")
        let (coreDocument, groupsDocument) = try await (core, groups)
        var resources: [APIResource] = []
        var preferred: [String: [String]] = [:]
        var legacyGroupVersions: [String] = []
        for document in [coreDocument, groupsDocument] {
            if document["kind"]?.stringValue == "APIGroupDiscoveryList" {
                Self.readAggregated(document, into: &resources, preferred: &preferred)
            } else if document["kind"]?.stringValue == "APIVersions" {
                let versions = (document["versions"]?.arrayValue ?? []).compactMap(\.stringValue)
                preferred[""] = versions
                legacyGroupVersions += versions
            } else {
                for group in document["groups"]?.arrayValue ?? [] {
                    guard let name = group["name"]?.stringValue else { continue }
                    let versions = (group["versions"]?.arrayValue ?? []).compactMap { $0["version"]?.stringValue }
                    let first = group[path: ["preferredVersion", "version"]]?.stringValue
                    preferred[name] = (first.map { [$0] } ?? []) + versions.filter { $0 != first }
                    legacyGroupVersions += versions.map { "\(name)/\($0)" }
                }
            }
        }
        if !legacyGroupVersions.isEmpty {
            resources += try await legacyResources(legacyGroupVersions)
        }
        return RESTMapper(resources: resources, preferredVersions: preferred)
    }

    private func fetch(_ path: String) async throws -> JSON {
        let response = try await transport.send(.init(method: .get, path: path, accept: Self.aggregatedAccept,
                                                      idempotent: true, timeout: transport.options.requestTimeout))
        return try JSON(parsing: response.body)
    }

    static func readAggregated(_ document: JSON, into resources: inout [APIResource], preferred: inout [String: [String]]) {
        for group in document["items"]?.arrayValue ?? [] {
            let groupName = group[path: ["metadata", "name"]]?.stringValue ?? ""
            for version in group["versions"]?.arrayValue ?? [] {
                guard let versionName = version["version"]?.stringValue else { continue }
                preferred[groupName, default: []].append(versionName)
                for entry in version["resources"]?.arrayValue ?? [] {
                    guard let plural = entry["resource"]?.stringValue,
                          let kind = entry[path: ["responseKind", "kind"]]?.stringValue, !kind.isEmpty
                    else { continue }
                    resources.append(APIResource(
                        type: GroupVersionKind(group: groupName, version: versionName, kind: kind),
                        resource: plural,
                        namespaced: entry["scope"]?.stringValue == "Namespaced",
                        verbs: (entry["verbs"]?.arrayValue ?? []).compactMap(\.stringValue),
                        subresources: (entry["subresources"]?.arrayValue ?? []).compactMap { $0["subresource"]?.stringValue }))
                }
            }
        }
    }

    /// One request per group version, concurrently; a group version that fails (an unavailable
    /// aggregated API) is skipped, as kubectl does.
    private func legacyResources(_ groupVersions: [String]) async throws -> [APIResource] {
        try await withThrowingTaskGroup(of: [APIResource].self) { tasks in
            for groupVersion in groupVersions {
                tasks.addTask {
                    let path = groupVersion.contains("/") ? "/apis/\(groupVersion)" : "/api/\(groupVersion)"
                    guard let document = try? await fetch(path) else { return [] }
                    return Self.readLegacy(document, groupVersion: groupVersion)
                }
            }
            var all: [APIResource] = []
            for try await part in tasks { all += part }
            return all
        }
    }

    static func readLegacy(_ document: JSON, groupVersion: String) -> [APIResource] {
        let type = GroupVersionKind(apiVersion: groupVersion, kind: "")
        var resources: [APIResource] = []
        var subresources: [String: [String]] = [:]
        for entry in document["resources"]?.arrayValue ?? [] {
            guard let name = entry["name"]?.stringValue else { continue }
            if let slash = name.firstIndex(of: "/") {
                subresources[String(name[..<slash]), default: []].append(String(name[name.index(after: slash)...]))
                continue
            }
            guard let kind = entry["kind"]?.stringValue else { continue }
            resources.append(APIResource(
                type: GroupVersionKind(group: type.group, version: type.version, kind: kind),
                resource: name,
                namespaced: entry["namespaced"]?.boolValue ?? false,
                verbs: (entry["verbs"]?.arrayValue ?? []).compactMap(\.stringValue)))
        }
        return resources.map { resource in
            var resource = resource
            resource.subresources = subresources[resource.resource] ?? []
            return resource
        }
    }
}
