using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace DataMesh.Catalog.Registry.Migrations
{
    /// <inheritdoc />
    public partial class Registry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "contract_versions",
                columns: table => new
                {
                    ContractId = table.Column<string>(type: "text", nullable: false),
                    Version = table.Column<string>(type: "text", nullable: false),
                    Major = table.Column<int>(type: "integer", nullable: false),
                    Minor = table.Column<int>(type: "integer", nullable: false),
                    Patch = table.Column<int>(type: "integer", nullable: false),
                    DataProductId = table.Column<string>(type: "text", nullable: false),
                    Topic = table.Column<string>(type: "text", nullable: false),
                    Path = table.Column<string>(type: "text", nullable: false),
                    Yaml = table.Column<string>(type: "text", nullable: false),
                    RegisteredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_contract_versions", x => new { x.ContractId, x.Version });
                });

            migrationBuilder.CreateTable(
                name: "data_product_versions",
                columns: table => new
                {
                    DataProductId = table.Column<string>(type: "text", nullable: false),
                    Version = table.Column<string>(type: "text", nullable: false),
                    Major = table.Column<int>(type: "integer", nullable: false),
                    Minor = table.Column<int>(type: "integer", nullable: false),
                    Patch = table.Column<int>(type: "integer", nullable: false),
                    Path = table.Column<string>(type: "text", nullable: false),
                    Yaml = table.Column<string>(type: "text", nullable: false),
                    RegisteredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_data_product_versions", x => new { x.DataProductId, x.Version });
                });

            migrationBuilder.CreateTable(
                name: "data_products",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    Domain = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Owner = table.Column<string>(type: "text", nullable: false),
                    Status = table.Column<string>(type: "text", nullable: false),
                    Version = table.Column<string>(type: "text", nullable: false),
                    Description = table.Column<string>(type: "text", nullable: false),
                    Purpose = table.Column<string>(type: "text", nullable: false),
                    Tags = table.Column<List<string>>(type: "text[]", nullable: false),
                    TagText = table.Column<string>(type: "text", nullable: false),
                    PropertyNames = table.Column<string>(type: "text", nullable: false),
                    Classifications = table.Column<List<string>>(type: "text[]", nullable: false),
                    Freshness = table.Column<TimeSpan>(type: "interval", nullable: true),
                    RegisteredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SearchVector = table.Column<NpgsqlTsVector>(type: "tsvector", nullable: false, computedColumnSql: "setweight(to_tsvector('english', coalesce(\"Name\", '') || ' ' || \"Id\" || ' ' || \"Domain\" || ' ' || \"Owner\"), 'A') || setweight(to_tsvector('english', \"Description\"), 'B') || setweight(to_tsvector('english', \"PropertyNames\"), 'C') || setweight(to_tsvector('english', \"TagText\"), 'A')", stored: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_data_products", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "lineage",
                columns: table => new
                {
                    DownstreamId = table.Column<string>(type: "text", nullable: false),
                    InputPort = table.Column<string>(type: "text", nullable: false),
                    UpstreamId = table.Column<string>(type: "text", nullable: false),
                    ContractId = table.Column<string>(type: "text", nullable: false),
                    ContractVersion = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lineage", x => new { x.DownstreamId, x.InputPort });
                });

            migrationBuilder.CreateIndex(
                name: "IX_contract_versions_DataProductId",
                table: "contract_versions",
                column: "DataProductId");

            migrationBuilder.CreateIndex(
                name: "IX_data_products_Domain",
                table: "data_products",
                column: "Domain");

            migrationBuilder.CreateIndex(
                name: "IX_data_products_Owner",
                table: "data_products",
                column: "Owner");

            migrationBuilder.CreateIndex(
                name: "IX_data_products_SearchVector",
                table: "data_products",
                column: "SearchVector")
                .Annotation("Npgsql:IndexMethod", "GIN");

            migrationBuilder.CreateIndex(
                name: "IX_lineage_UpstreamId",
                table: "lineage",
                column: "UpstreamId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "contract_versions");

            migrationBuilder.DropTable(
                name: "data_product_versions");

            migrationBuilder.DropTable(
                name: "data_products");

            migrationBuilder.DropTable(
                name: "lineage");
        }
    }
}
