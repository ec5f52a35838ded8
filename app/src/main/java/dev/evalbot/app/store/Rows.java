package dev.evalbot.app.store;

import dev.evalbot.app.event.PlatformId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/** Small JDBC conveniences the stores share. */
final class Rows {
    private Rows() {}

    static void setNullable(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }

    static void setPull(PreparedStatement ps, int firstIndex, PullRef pull) throws SQLException {
        ps.setString(firstIndex, pull.platform().code());
        ps.setString(firstIndex + 1, pull.repo());
        ps.setInt(firstIndex + 2, pull.number());
    }

    static PullRef pull(ResultSet rs, int firstIndex) throws SQLException {
        return new PullRef(PlatformId.of(rs.getString(firstIndex)), rs.getString(firstIndex + 1),
                rs.getInt(firstIndex + 2));
    }
}
