using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DataMesh.Catalog.Registry.Migrations
{
    /// <inheritdoc />
    public partial class DeadLettersOncePerEvent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Dead letters kept twice before this migration would stop the unique index: keep the first of each.
            migrationBuilder.Sql("""
                DELETE FROM dead_letters later USING dead_letters first
                WHERE later."EventId" <> '' AND later."DataProductId" = first."DataProductId" AND later."ConsumerId" = first."ConsumerId"
                  AND later."EventId" = first."EventId" AND later."Id" > first."Id"
                """);
            migrationBuilder.CreateIndex(
                name: "IX_dead_letters_DataProductId_ConsumerId_EventId",
                table: "dead_letters",
                columns: new[] { "DataProductId", "ConsumerId", "EventId" },
                unique: true,
                filter: "\"EventId\" <> ''");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_dead_letters_DataProductId_ConsumerId_EventId",
                table: "dead_letters");
        }
    }
}
