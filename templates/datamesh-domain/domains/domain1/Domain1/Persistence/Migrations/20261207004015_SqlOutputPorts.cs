using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Domain1.Persistence.Migrations
{
    /// <summary>
    /// The SQL output port (contract domain1.product1.tables): schema product_1_v1 with a view over the product1, owned
    /// by the domain's role like the rest of its database. PUBLIC loses USAGE on public, so a consumer's role reaches the
    /// port only, never the operational tables, the outbox or the inbox. Consumers' privileges on the port are the grants
    /// reconciler's (platform/DataProducts), never a migration's.
    /// </summary>
    public partial class SqlOutputPorts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("REVOKE ALL ON SCHEMA public FROM PUBLIC;");

            migrationBuilder.Sql("""
                CREATE SCHEMA product_1_v1;
                CREATE VIEW product_1_v1.product_1 AS
                SELECT p."Id" AS id,
                       p."Name" AS name,
                       p."Amount" AS amount,
                       p."RecordedOn" AS recorded_on,
                       p."Status" AS status,
                       p."ClosedOn" AS closed_on
                FROM public.product_1 p;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP SCHEMA product_1_v1 CASCADE;");
            migrationBuilder.Sql("GRANT USAGE ON SCHEMA public TO PUBLIC;");
        }
    }
}
