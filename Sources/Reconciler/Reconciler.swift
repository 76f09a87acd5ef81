// Reconciler: keeps an environment's cluster moored to a revision of the config repository.
// See ../shared/DESIGN.md for the product; this is the map of the module.
//
// Configuration/  `mooring.yaml` → `MooringConfiguration` (validated, every problem with its line)
// Plan/           `DesiredState.prepare` (tracking labels, revision annotation, namespaces),
//                 `SyncPlanner.plan` → `SyncPlan` (sync waves, `KindOrder`, prune order and guards)
// Diff/           `Differ` → `EnvironmentDiff` of `ObjectDiff`s (Synced / OutOfSync / prune, with
//                 `FieldChange`s): normalization, keyed lists (`FieldSemantics` over `KubeSchema`), quantities,
//                 managed-field removals, ignoreDifferences, dry-run confirmation, Secret masking
// Health/         `HealthAssessor` (kstatus and Argo CD rules per kind, `CustomResourceHealth`, users'
//                 Lua `HealthChecks` over LuaSandbox) → `EnvironmentHealth`, `HealthWait`;
//                 `ObjectFileHealth` for `mooring health`
// History/        `History` of `HistoryRecord`s in the ConfigMap `mooring-history-<env>`
// Sync/           `ChangeSet`: what a sync did, for reports and history; and its IO: `LiveStateReader`
//                 (one LIST per type), `DriftConfirmation` (dry-run), `SyncRunner` (waves, prune),
//                 `WaveGate`, `HealthMonitor`
// Loop/           the loop's policies: `ReconcileDecision`, `SelfHealBackoff`, `RollbackDetection`,
//                 `PollSchedule`, `ApplyRejection`; and the loop itself: `EnvironmentReconciler`
//                 (one environment's poll, `sync`, `diff`, `status`), `Poller` (`mooring run`),
//                 `GitRollback` and `RevertPublisher` (reverts in git)
// Cluster/        `ClusterClient` over KubeAPI (`KubeClusterClient`), `ClusterConnector` (targets,
//                 the embedded cluster via `LocalClusterLauncher`), `HistoryStore`, request counting
// Source/         `GitConfigSource` (the `ConfigSource` over a GitSource mirror): `EnvironmentRenderer`
//                 picks plain (`ManifestRenderer`) or kustomize; `RenderCache` keys renderings by the
//                 trees they read. Kustomize/: `KustomizeInputs` (the overlay's kustomizations followed
//                 through a `RevisionTree`, remote and escaping references refused), `RenderWorkspace`
//                 (a private export of those files), `KustomizeTool` (which binary), `KustomizeRenderer`
//                 (one build through ChildProcess), `KustomizeOutput` (objects with their origins)
// Promotion/      `PromotionRule` and `PromotionPlanner` for plain folders, `OverlayPromotionPlanner` and
//                 `KustomizationImagesEditor` for overlays' `images:`, `Promoter` (plan, commit, push)
// Seams/          the IO the loop needs: `ClusterClient`, `ConfigSource`
//
// Policies and values are pure; the IO lives in Cluster/, the Sync/ runners and the Loop/ reconciler.
