// Reconciler: keeps an environment's cluster moored to a revision of the config repository.
// See ../shared/DESIGN.md for the product; this is the map of the module.
//
// Configuration/  `mooring.yaml` → `MooringConfiguration` (validated, every problem with its line)
// Plan/           `DesiredState.prepare` (tracking labels, revision annotation, namespaces),
//                 `SyncPlanner.plan` → `SyncPlan` (sync waves, `KindOrder`, prune order and guards)
// Diff/           `Differ` → `EnvironmentDiff` of `ObjectDiff`s (Synced / OutOfSync / prune, with
//                 `FieldChange`s): normalization, keyed lists (`FieldSemantics` over `KubeSchema`), quantities,
//                 managed-field removals, ignoreDifferences, dry-run confirmation, Secret masking
// Health/         `HealthAssessor` (kstatus rules, Argo CD states) → `EnvironmentHealth`, `HealthWait`
// History/        `History` of `HistoryRecord`s in the ConfigMap `mooring-history-<env>`
// Sync/           `ChangeSet`: what a sync did, for reports and history
// Loop/           the loop's policies: `ReconcileDecision`, `SelfHealBackoff`, `RollbackDetection`,
//                 `PollSchedule`, `ApplyRejection`
// Seams/          the IO the loop needs: `ClusterClient`, `ConfigSource`
//
// Everything outside Seams/ is pure: plain values in, plain values out.
