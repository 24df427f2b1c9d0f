"""With DATABASE_REPLICA_URL, reads of the open-data models go to the replica; every write goes to default.

Only the observatory's and the territory's read-mostly tables are routed: they change by imports, which run on
the primary, and a few seconds of replica lag there is harmless. Everything else (accounts, sessions, the new
modules' workflows) reads its own writes from the primary.
"""

REPLICA_APPS = {"observatory", "territory"}


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return "replica" if model._meta.app_label in REPLICA_APPS else "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"
