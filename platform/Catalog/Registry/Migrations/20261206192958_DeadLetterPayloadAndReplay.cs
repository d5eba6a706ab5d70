using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DataMesh.Catalog.Registry.Migrations
{
    /// <inheritdoc />
    public partial class DeadLetterPayloadAndReplay : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Payload",
                table: "dead_letters",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ReplayedAt",
                table: "dead_letters",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReplayedBy",
                table: "dead_letters",
                type: "text",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_dead_letters_ConsumerId",
                table: "dead_letters",
                column: "ConsumerId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_dead_letters_ConsumerId",
                table: "dead_letters");

            migrationBuilder.DropColumn(
                name: "Payload",
                table: "dead_letters");

            migrationBuilder.DropColumn(
                name: "ReplayedAt",
                table: "dead_letters");

            migrationBuilder.DropColumn(
                name: "ReplayedBy",
                table: "dead_letters");
        }
    }
}
