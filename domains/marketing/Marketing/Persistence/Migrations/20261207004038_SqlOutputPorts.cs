using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketing.Persistence.Migrations
{
    /// <summary>
    /// The SQL output ports (contracts marketing.campaigns.tables and marketing.leads.tables): schemas campaigns_v1 and
    /// leads_v1, each a view over the operational table. PUBLIC loses USAGE on public, so a consumer's role reaches
    /// the ports only, never the operational tables, the outbox or the inbox.
    /// </summary>
    public partial class SqlOutputPorts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("REVOKE ALL ON SCHEMA public FROM PUBLIC;");

            migrationBuilder.Sql("""
                CREATE SCHEMA campaigns_v1;
                CREATE VIEW campaigns_v1.campaigns AS
                SELECT c."Id" AS campaign_id,
                       c."Name" AS name,
                       c."Channel" AS channel,
                       c."StartsOn" AS starts_on,
                       c."EndsOn" AS ends_on,
                       c."BudgetCap" AS budget_cap,
                       c."Spend" AS spend,
                       c."Status" AS status,
                       c."CompletedOn" AS completed_on
                FROM public.campaigns c;
                """);

            migrationBuilder.Sql("""
                CREATE SCHEMA leads_v1;
                CREATE VIEW leads_v1.leads AS
                SELECT l."Id" AS lead_id,
                       l."Name" AS name,
                       l."Email" AS email,
                       l."CampaignId" AS campaign_id,
                       l."CapturedOn" AS captured_on,
                       l."Status" AS status,
                       l."ConvertedOn" AS converted_on
                FROM public.leads l;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP SCHEMA leads_v1 CASCADE;");
            migrationBuilder.Sql("DROP SCHEMA campaigns_v1 CASCADE;");
            migrationBuilder.Sql("GRANT USAGE ON SCHEMA public TO PUBLIC;");
        }
    }
}
