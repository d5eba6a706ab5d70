using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DataMesh.Catalog.Registry.Migrations
{
    /// <inheritdoc />
    public partial class ConsumerRateLimits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "RequestsPerSecond",
                table: "consumers",
                type: "integer",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RequestsPerSecond",
                table: "consumers");
        }
    }
}
