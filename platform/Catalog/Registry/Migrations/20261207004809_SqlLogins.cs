using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DataMesh.Catalog.Registry.Migrations
{
    /// <inheritdoc />
    public partial class SqlLogins : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "sql_logins",
                columns: table => new
                {
                    ConsumerId = table.Column<string>(type: "text", nullable: false),
                    Role = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PasswordSetAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DroppedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DropAttempts = table.Column<int>(type: "integer", nullable: false),
                    LastDropError = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sql_logins", x => x.ConsumerId);
                    table.ForeignKey(
                        name: "FK_sql_logins_consumers_ConsumerId",
                        column: x => x.ConsumerId,
                        principalTable: "consumers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_sql_logins_Role",
                table: "sql_logins",
                column: "Role",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_sql_logins_State",
                table: "sql_logins",
                column: "State");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sql_logins");
        }
    }
}
