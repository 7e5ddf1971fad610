package db.migration.lvtop;

import dev.contextdb.fixtures.levels.RecordingMigration;

public class V1__Record extends RecordingMigration {

    public V1__Record() {
        super("lvtop");
    }
}
