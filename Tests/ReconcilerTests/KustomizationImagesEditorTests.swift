import Testing
@testable import Reconciler

/// Setting `images:` entries in a kustomization's text as `kustomize edit set image` would,
/// but in place: comments, order, quoting and indentation of everything else stay.
@Suite struct KustomizationImagesEditorTests {
    static let master = """
        # master: what production runs.
        resources:
          - ../base   # shared by every environment
        namespace: django-master
        images:
          # pinned by digest so what runs is auditable
          - name: ghcr.io/mooring-demo/django-admin
            newTag: '4.2.15' # the last release
          - name: redis
            newTag: "7.2"
        replicas:
          - name: django-admin
            count: 2

        """

    @Test func changingATagTouchesOnlyItsValue() throws {
        let edited = try KustomizationImagesEditor.setting(
            [KustomizeImage(name: "ghcr.io/mooring-demo/django-admin", newTag: "4.2.16-rc.3")], in: Self.master, file: "k.yaml")
        #expect(edited == Self.master.replacingOccurrences(of: "newTag: '4.2.15' # the last release", with: "newTag: 4.2.16-rc.3 # the last release"))
    }

    @Test func aNumberLikeTagIsQuotedAndANewNameAndDigestAreAddedToTheEntry() throws {
        let edited = try KustomizationImagesEditor.setting(
            [KustomizeImage(name: "redis", newTag: "7.10"),
             KustomizeImage(name: "ghcr.io/mooring-demo/django-admin", newName: "registry.example.com/django-admin",
                            digest: "sha256:5f0c2b7d9e4a1c3b8f6d2e0a9b7c5d3e1f4a6b8c0d2e4f6a8b0c2d4e6f8a0b1c")],
            in: Self.master, file: "k.yaml")
        #expect(edited == """
            # master: what production runs.
            resources:
              - ../base   # shared by every environment
            namespace: django-master
            images:
              # pinned by digest so what runs is auditable
              - name: ghcr.io/mooring-demo/django-admin
                newName: registry.example.com/django-admin
                digest: sha256:5f0c2b7d9e4a1c3b8f6d2e0a9b7c5d3e1f4a6b8c0d2e4f6a8b0c2d4e6f8a0b1c
              - name: redis
                newTag: "7.10"
            replicas:
              - name: django-admin
                count: 2

            """)
    }

    @Test func aMissingEntryIsAddedToTheListAndAMissingListToTheFile() throws {
        let added = try KustomizationImagesEditor.setting([KustomizeImage(name: "nginx", newTag: "1.27")], in: Self.master, file: "k.yaml")
        #expect(added.contains("    newTag: \"7.2\"\n  - name: nginx\n    newTag: \"1.27\"\nreplicas:"))
        let none = try KustomizationImagesEditor.setting([KustomizeImage(name: "nginx", newTag: "1.27")],
                                                         in: "resources: [../base]  # base\n", file: "k.yaml")
        #expect(none == "resources: [../base]  # base\nimages:\n- name: nginx\n  newTag: \"1.27\"\n")
    }

    @Test func flowStyleValuesChangeInPlaceButWhatCannotBeEditedByLineIsAnErrorNotARewrite() throws {
        let flow = "images: [{name: nginx, newTag: '1.26'}, {name: redis}]  # two\n"
        let changed = try KustomizationImagesEditor.setting([KustomizeImage(name: "nginx", newTag: "1.27")], in: flow, file: "k.yaml")
        #expect(changed == "images: [{name: nginx, newTag: \"1.27\"}, {name: redis}]  # two\n")
        let error = #expect(throws: PromotionError.self) {
            try KustomizationImagesEditor.setting([KustomizeImage(name: "redis", newTag: "7.2")],
                                                  in: flow, file: "environments/master/kustomization.yaml")
        }
        #expect(error?.description.hasPrefix("cannot set images in environments/master/kustomization.yaml in place") == true)
    }

    @Test func imageReferencesSplitLikeKustomize() {
        #expect(ImageReference(parsing: "ghcr.io/org/app:4.2") == ImageReference(name: "ghcr.io/org/app", tag: "4.2"))
        #expect(ImageReference(parsing: "localhost:5000/app") == ImageReference(name: "localhost:5000/app"))
        #expect(ImageReference(parsing: "app:1@sha256:abc") == ImageReference(name: "app", tag: "1", digest: "sha256:abc"))
        #expect(KustomizeImage(name: "app", rendering: ImageReference(parsing: "app@sha256:abc")) == KustomizeImage(name: "app", digest: "sha256:abc"))
        #expect(KustomizeImage(name: "app", rendering: ImageReference(parsing: "ghcr.io/x/app:2")) == KustomizeImage(name: "app", newName: "ghcr.io/x/app", newTag: "2"))
    }
}
