/// CronJobs (the CronJob controller's `lastScheduleTime`, `lastSuccessfulTime`, `active`) and Pods
/// that run to completion, as the kubelet reports their containers.
enum WorkloadFixtures {
    static let cronJob = """
        apiVersion: batch/v1
        kind: CronJob
        metadata:
          name: clearsessions
          namespace: django-master
          generation: 1
        spec:
          schedule: "0 3 * * *"
          concurrencyPolicy: Forbid
          suspend: false
          jobTemplate:
            spec:
              template:
                spec:
                  restartPolicy: OnFailure
                  containers:
                  - {name: manage, image: registry.local/django-admin:4.2.16, args: [clearsessions]}
        """

    static let cronJobNeverRun = cronJob + "\nstatus: {}\n"

    static let cronJobRunning = cronJob + """

        status:
          lastScheduleTime: "2025-03-02T03:00:00Z"
          lastSuccessfulTime: "2025-03-01T03:00:41Z"
          active:
          - {apiVersion: batch/v1, kind: Job, name: clearsessions-29014380, namespace: django-master, uid: 1f0c7d4e-5a5b-4bb0-9d1e-0c1b8a6b2f11}
        """

    static let cronJobLastRunSucceeded = cronJob + """

        status:
          lastScheduleTime: "2025-03-02T03:00:00Z"
          lastSuccessfulTime: "2025-03-02T03:00:38Z"
        """

    static let cronJobLastRunFailed = cronJob + """

        status:
          lastScheduleTime: "2025-03-02T03:00:00Z"
          lastSuccessfulTime: "2025-03-01T03:00:41Z"
        """

    /// Its only run so far failed: no `lastSuccessfulTime` at all.
    static let cronJobNeverSucceeded = cronJob + """

        status:
          lastScheduleTime: "2025-03-02T03:00:00Z"
        """

    /// A migration pod (`restartPolicy: Never`) whose image tag does not exist.
    static let migrationPodImageMissing = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: migrate-4.2.16
          namespace: django-master
        spec:
          restartPolicy: Never
          containers:
          - {name: migrate, image: "registry.local/django-admin:4.2.61", args: [migrate]}
        status:
          phase: Pending
          conditions:
          - {type: PodReadyToStartContainers, status: "True"}
          - {type: Initialized, status: "True"}
          - {type: Ready, status: "False", reason: ContainersNotReady, message: 'containers with unready status: [migrate]'}
          - {type: ContainersReady, status: "False", reason: ContainersNotReady, message: 'containers with unready status: [migrate]'}
          - {type: PodScheduled, status: "True"}
          containerStatuses:
          - name: migrate
            image: registry.local/django-admin:4.2.61
            imageID: ""
            ready: false
            restartCount: 0
            started: false
            state:
              waiting:
                reason: ImagePullBackOff
                message: Back-off pulling image "registry.local/django-admin:4.2.61"
        """

    /// `restartPolicy: OnFailure`, the init container's image cannot be pulled.
    static let initImageMissing = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: backup-29014380-7v2mq
          namespace: django-master
        spec:
          restartPolicy: OnFailure
          initContainers:
          - {name: wait-for-db, image: "registry.local/wait-for:nope"}
          containers:
          - {name: backup, image: "registry.local/pg-backup:16"}
        status:
          phase: Pending
          initContainerStatuses:
          - name: wait-for-db
            image: registry.local/wait-for:nope
            ready: false
            restartCount: 0
            state:
              waiting:
                reason: ErrImagePull
                message: 'failed to pull and unpack image "registry.local/wait-for:nope": not found'
          containerStatuses:
          - name: backup
            image: registry.local/pg-backup:16
            ready: false
            restartCount: 0
            state:
              waiting: {reason: PodInitializing}
        """

    /// `restartPolicy: Never`, waiting for a ConfigMap that a later wave creates.
    static let migrationPodWaitingForConfig = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: migrate-4.2.16
          namespace: django-master
        spec:
          restartPolicy: Never
          containers:
          - {name: migrate, image: "registry.local/django-admin:4.2.16", args: [migrate]}
        status:
          phase: Pending
          containerStatuses:
          - name: migrate
            image: registry.local/django-admin:4.2.16
            ready: false
            restartCount: 0
            state:
              waiting:
                reason: CreateContainerConfigError
                message: configmap "django-settings" not found
        """
}
