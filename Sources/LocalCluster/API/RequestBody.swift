import Manifests

/// Reading a request body as JSON, with the API server's error for a malformed one.
enum RequestBody {
    static func json(_ request: APIRequest) throws -> JSON {
        if request.contentType == KubernetesProtobuf.contentType {
            do {
                return try KubernetesProtobuf.decode(request.body)
            } catch is ProtobufReader.MalformedMessage {
                throw StatusError.badRequest("the body of the request was in an unknown format: malformed protobuf")
            }
        }
        if let parsed = try? JSON(parsing: request.body) { return parsed }
        // Apply configurations (and `application/yaml` bodies) may be YAML; JSON is YAML too.
        if request.contentType == "application/apply-patch+yaml" || request.contentType == "application/yaml" {
            let documents: [YAMLDocument]
            do {
                documents = try YAML.load(bytes: request.body, file: "request body")
            } catch {
                throw StatusError.badRequest("error converting YAML to JSON: \(error)")
            }
            guard documents.count == 1, let document = documents.first else {
                throw StatusError.badRequest("the body of the request must hold exactly one object, found \(documents.count)")
            }
            return document.value
        }
        do {
            return try JSON(parsing: request.body)
        } catch {
            throw StatusError.badRequest("the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf")
        }
    }

    /// The body as an object of the addressed type: kind and apiVersion must match the URL.
    static func object(_ request: APIRequest, for target: ResourceRequest) throws -> JSON {
        let object = try json(request)
        guard object.objectValue != nil else { throw StatusError.badRequest("the body of the request must be a JSON object") }
        let resource = target.resource
        if target.subresource == "scale" { return object }
        if let kind = object["kind"]?.stringValue, kind != resource.kind {
            throw StatusError.badRequest("the server could not find the requested resource (kind \(kind) does not match \(resource.kind))")
        }
        if let apiVersion = object["apiVersion"]?.stringValue, apiVersion != resource.apiVersion {
            throw StatusError.badRequest("the API version in the data (\(apiVersion)) does not match the expected API version (\(resource.apiVersion))")
        }
        var typed = object
        typed["apiVersion"] = .string(resource.apiVersion)
        typed["kind"] = .string(resource.kind)
        return typed
    }
}
