package dev.contextdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** Without a URL each ContextDb gets an embedded database of its own, dropped when it closes. */
class EmbeddedDatabaseTest {

    private static final ContextModel MODEL = ContextModel.of(List.of(ContextDefinition.of("notes", "e.notes")));

    @Test
    void eachContextDbWithoutAUrlHasItsOwnDatabaseAndDropsItOnClose() throws SQLException {
        String url;
        try (ContextDb one = ContextDb.builder(MODEL).migrate(false).build();
                ContextDb two = ContextDb.builder(MODEL).migrate(false).build()) {
            new JdbcTemplate(one.dataSource("notes")).execute("create table note (id int)");
            url = urlOf(one);
            assertThat(url).startsWith("jdbc:h2:mem:contextdb-").isNotEqualTo(urlOf(two));
            assertThat(new JdbcTemplate(two.dataSource("notes"))
                    .queryForObject("select count(*) from information_schema.tables where table_name = 'NOTE'",
                            Integer.class)).isZero();
        }
        // Gone with its ContextDb: the in-memory database no longer exists.
        assertThatThrownBy(() -> DriverManager.getConnection(url + ";IFEXISTS=TRUE", "sa", "").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("not found");
    }

    private static String urlOf(ContextDb db) throws SQLException {
        try (Connection connection = db.dataSource("notes").getConnection()) {
            return connection.getMetaData().getURL();
        }
    }
}
