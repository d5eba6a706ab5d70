using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DataMesh.Catalog.Registry.Migrations
{
    /// <inheritdoc />
    public partial class ParkedOutboxEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "parked_outbox_events",
                columns: table => new
                {
                    DataProductId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false),
                    OldestParkedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    OldestReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ReportedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_parked_outbox_events", x => x.DataProductId);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "parked_outbox_events");
        }
    }
}
