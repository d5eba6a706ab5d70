using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace DataMesh.Catalog.Registry.Migrations
{
    /// <inheritdoc />
    public partial class NarrowSearchTable : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_data_products_SearchVector",
                table: "data_products");

            migrationBuilder.CreateTable(
                name: "data_product_search",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    Domain = table.Column<string>(type: "text", nullable: false),
                    Owner = table.Column<string>(type: "text", nullable: false),
                    Status = table.Column<string>(type: "text", nullable: false),
                    Classifications = table.Column<List<string>>(type: "text[]", nullable: false),
                    SearchVector = table.Column<NpgsqlTsVector>(type: "tsvector", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_data_product_search", x => x.Id);
                    table.ForeignKey(
                        name: "FK_data_product_search_data_products_Id",
                        column: x => x.Id,
                        principalTable: "data_products",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_data_product_search_Domain_Id",
                table: "data_product_search",
                columns: new[] { "Domain", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_data_product_search_Owner_Id",
                table: "data_product_search",
                columns: new[] { "Owner", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_data_product_search_SearchVector",
                table: "data_product_search",
                column: "SearchVector")
                .Annotation("Npgsql:IndexMethod", "GIN");

            // The copy is kept by the database itself, so every write to data_products (and its generated vector) reaches it.
            migrationBuilder.Sql("""
                CREATE FUNCTION data_product_search_copy() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO data_product_search ("Id", "Domain", "Owner", "Status", "Classifications", "SearchVector")
                    VALUES (NEW."Id", NEW."Domain", NEW."Owner", NEW."Status", NEW."Classifications", NEW."SearchVector")
                    ON CONFLICT ("Id") DO UPDATE SET "Domain" = EXCLUDED."Domain", "Owner" = EXCLUDED."Owner", "Status" = EXCLUDED."Status",
                        "Classifications" = EXCLUDED."Classifications", "SearchVector" = EXCLUDED."SearchVector";
                    RETURN NULL;
                END
                $$;
                CREATE TRIGGER data_product_search_copy AFTER INSERT OR UPDATE ON data_products
                    FOR EACH ROW EXECUTE FUNCTION data_product_search_copy();
                INSERT INTO data_product_search ("Id", "Domain", "Owner", "Status", "Classifications", "SearchVector")
                    SELECT "Id", "Domain", "Owner", "Status", "Classifications", "SearchVector" FROM data_products;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER data_product_search_copy ON data_products;
                DROP FUNCTION data_product_search_copy();
                """);

            migrationBuilder.DropTable(
                name: "data_product_search");

            migrationBuilder.CreateIndex(
                name: "IX_data_products_SearchVector",
                table: "data_products",
                column: "SearchVector")
                .Annotation("Npgsql:IndexMethod", "GIN");
        }
    }
}
