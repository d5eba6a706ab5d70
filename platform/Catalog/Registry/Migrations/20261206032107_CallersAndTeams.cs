using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DataMesh.Catalog.Registry.Migrations
{
    /// <summary>
    /// Who made each change, and teams. Requests and audit entries from before have <c>Anonymous</c> callers: their names
    /// were typed, never checked.
    /// </summary>
    public partial class CallersAndTeams : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "RequestedByKind",
                table: "access_requests",
                type: "text",
                nullable: false,
                defaultValue: "Anonymous");

            migrationBuilder.AddColumn<string>(
                name: "ActorKind",
                table: "access_audit",
                type: "text",
                nullable: false,
                defaultValue: "Anonymous");

            migrationBuilder.CreateTable(
                name: "product_team_members",
                columns: table => new
                {
                    DataProductId = table.Column<string>(type: "text", nullable: false),
                    UserName = table.Column<string>(type: "text", nullable: false),
                    Role = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_product_team_members", x => new { x.DataProductId, x.UserName });
                    table.ForeignKey(
                        name: "FK_product_team_members_data_products_DataProductId",
                        column: x => x.DataProductId,
                        principalTable: "data_products",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "teams",
                columns: table => new
                {
                    Name = table.Column<string>(type: "text", nullable: false),
                    Description = table.Column<string>(type: "text", nullable: true),
                    CreatedBy = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_teams", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "team_members",
                columns: table => new
                {
                    Team = table.Column<string>(type: "text", nullable: false),
                    UserName = table.Column<string>(type: "text", nullable: false),
                    Role = table.Column<string>(type: "text", nullable: false),
                    AddedBy = table.Column<string>(type: "text", nullable: false),
                    AddedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_team_members", x => new { x.Team, x.UserName });
                    table.ForeignKey(
                        name: "FK_team_members_teams_Team",
                        column: x => x.Team,
                        principalTable: "teams",
                        principalColumn: "Name",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_product_team_members_UserName",
                table: "product_team_members",
                column: "UserName");

            migrationBuilder.CreateIndex(
                name: "IX_team_members_UserName",
                table: "team_members",
                column: "UserName");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "product_team_members");

            migrationBuilder.DropTable(
                name: "team_members");

            migrationBuilder.DropTable(
                name: "teams");

            migrationBuilder.DropColumn(
                name: "RequestedByKind",
                table: "access_requests");

            migrationBuilder.DropColumn(
                name: "ActorKind",
                table: "access_audit");
        }
    }
}
