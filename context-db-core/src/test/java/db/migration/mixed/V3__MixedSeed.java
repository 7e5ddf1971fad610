package db.migration.mixed;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/** A Java migration beside SQL scripts, in a context's location. */
public class V3__MixedSeed extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute("insert into mixed_thing (id, name, size_cm) values (1, 'seed', 3)");
        }
    }
}
