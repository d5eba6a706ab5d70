using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Domain1.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class OutboxParksPoisonRows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_data_product_outbox_unsent",
                table: "data_product_outbox");

            migrationBuilder.AddColumn<int>(
                name: "attempts",
                table: "data_product_outbox",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "last_error",
                table: "data_product_outbox",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "parked_at",
                table: "data_product_outbox",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_data_product_outbox_parked",
                table: "data_product_outbox",
                column: "data_product_id",
                filter: "parked_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_data_product_outbox_unsent",
                table: "data_product_outbox",
                column: "sequence",
                filter: "sent_at IS NULL AND parked_at IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_data_product_outbox_parked",
                table: "data_product_outbox");

            migrationBuilder.DropIndex(
                name: "ix_data_product_outbox_unsent",
                table: "data_product_outbox");

            migrationBuilder.DropColumn(
                name: "attempts",
                table: "data_product_outbox");

            migrationBuilder.DropColumn(
                name: "last_error",
                table: "data_product_outbox");

            migrationBuilder.DropColumn(
                name: "parked_at",
                table: "data_product_outbox");

            migrationBuilder.CreateIndex(
                name: "ix_data_product_outbox_unsent",
                table: "data_product_outbox",
                column: "sequence",
                filter: "sent_at IS NULL");
        }
    }
}
