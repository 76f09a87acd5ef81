import Foundation

/// Push bodies shaped like each provider's documented example (GitHub's "push" webhook payload,
/// Gitea's webhook page, GitLab's "Push events" and "Tag events"), written for these tests with
/// only the fields a receiver reads plus enough of the rest to be realistic.
enum ProviderPayloads {
    /// The repository's other URLs are derived from `cloneURL`'s last two path segments.
    static func github(ref: String, after: String, cloneURL: String, defaultBranch: String = "main") -> String {
        let fullName = cloneURL.split(separator: "/").suffix(2).joined(separator: "/").replacingOccurrences(of: ".git", with: "")
        return """
        {
          "ref": "\(ref)",
          "before": "6113728f27ae82c7b1a177c8d03f9e96e0adf246",
          "after": "\(after)",
          "created": false, "deleted": false, "forced": false,
          "base_ref": null,
          "compare": "https://github.com/platform/config/compare/6113728f27ae...\(after.prefix(12))",
          "commits": [{
            "id": "\(after)",
            "tree_id": "f9d2a07e9488b91af2641b26b9407fe22a451433",
            "distinct": true,
            "message": "Promote django-admin 4.2.11 to master",
            "timestamp": "2026-12-04T10:31:06+01:00",
            "author": {"name": "Alice", "email": "alice@example.com", "username": "alice"},
            "added": [], "removed": [], "modified": ["environments/master/deployment.yaml"]
          }],
          "head_commit": {"id": "\(after)", "message": "Promote django-admin 4.2.11 to master"},
          "repository": {
            "id": 186853002,
            "name": "config",
            "full_name": "\(fullName)",
            "private": true,
            "owner": {"login": "platform", "id": 21031067},
            "html_url": "https://github.com/\(fullName)",
            "git_url": "git://github.com/\(fullName).git",
            "ssh_url": "git@github.com:\(fullName).git",
            "clone_url": "\(cloneURL)",
            "default_branch": "\(defaultBranch)",
            "master_branch": "\(defaultBranch)"
          },
          "pusher": {"name": "alice", "email": "alice@example.com"},
          "sender": {"login": "alice", "id": 21031067, "type": "User"}
        }
        """
    }

    static let githubPing = """
        {
          "zen": "Keep it logically awesome.",
          "hook_id": 109948940,
          "hook": {"type": "Repository", "id": 109948940, "name": "web", "active": true, "events": ["push"],
                   "config": {"content_type": "json", "insecure_ssl": "0", "url": "https://mooring.example.com/hooks/github"}},
          "repository": {"id": 186853002, "full_name": "platform/config"},
          "sender": {"login": "alice", "id": 21031067}
        }
        """

    static func gitea(ref: String, after: String, cloneURL: String) -> String {
        """
        {
          "ref": "\(ref)",
          "before": "28e1879d029cb852e4844d9c718537df08844e03",
          "after": "\(after)",
          "compare_url": "http://gitea.example.com/platform/config/compare/28e1879d029c...\(after.prefix(12))",
          "commits": [{
            "id": "\(after)",
            "message": "Scale develop to 2 replicas",
            "url": "http://gitea.example.com/platform/config/commit/\(after)",
            "author": {"name": "Bob", "email": "bob@example.com", "username": "bob"},
            "committer": {"name": "Bob", "email": "bob@example.com", "username": "bob"},
            "timestamp": "2026-12-04T13:52:11-04:00"
          }],
          "repository": {
            "id": 140,
            "owner": {"id": 1, "login": "platform", "full_name": "", "email": "", "username": "platform"},
            "name": "config",
            "full_name": "platform/config",
            "private": false,
            "html_url": "http://gitea.example.com/platform/config",
            "ssh_url": "git@gitea.example.com:platform/config.git",
            "clone_url": "\(cloneURL)",
            "default_branch": "main"
          },
          "pusher": {"id": 1, "login": "bob", "username": "bob"},
          "sender": {"id": 1, "login": "bob", "username": "bob"}
        }
        """
    }

    static func gitlab(ref: String, after: String, httpURL: String, tag: Bool = false) -> String {
        """
        {
          "object_kind": "\(tag ? "tag_push" : "push")",
          "event_name": "\(tag ? "tag_push" : "push")",
          "before": "95790bf891e76fee5e1747ab589903a6a1f80f22",
          "after": "\(after)",
          "ref": "\(ref)",
          "ref_protected": true,
          "checkout_sha": "\(after)",
          "user_id": 4,
          "user_name": "Carol",
          "user_username": "carol",
          "project_id": 15,
          "project": {
            "id": 15,
            "name": "config",
            "web_url": "http://gitlab.example.com/platform/config",
            "git_ssh_url": "git@gitlab.example.com:platform/config.git",
            "git_http_url": "\(httpURL)",
            "namespace": "platform",
            "path_with_namespace": "platform/config",
            "default_branch": "main"
          },
          "commits": [{"id": "\(after)", "message": "Rotate the settings ConfigMap", "title": "Rotate the settings ConfigMap",
                       "timestamp": "2026-12-04T11:27:53+00:00", "author": {"name": "Carol", "email": "carol@example.com"},
                       "added": [], "modified": ["environments/develop/configmap.yaml"], "removed": []}],
          "total_commits_count": 1,
          "repository": {
            "name": "config",
            "url": "git@gitlab.example.com:platform/config.git",
            "homepage": "http://gitlab.example.com/platform/config",
            "git_http_url": "\(httpURL)",
            "git_ssh_url": "git@gitlab.example.com:platform/config.git"
          }
        }
        """
    }
}
