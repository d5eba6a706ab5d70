using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Finance.Persistence.Migrations
{
    /// <summary>
    /// The SQL output ports (contracts finance.budgets.tables and finance.cost-center-actuals.tables): schema budgets_v1
    /// with a view over the budgets, schema cost_center_actuals_v1 with the actuals table the ledger keeps in its
    /// transactions (filled here for every cost center and quarter that has a budget, an expense or payroll). PUBLIC
    /// loses USAGE on public, so a consumer's role reaches the ports only, never the operational tables, the outbox
    /// or the inbox.
    /// </summary>
    public partial class SqlOutputPorts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("REVOKE ALL ON SCHEMA public FROM PUBLIC;");

            migrationBuilder.Sql("""
                CREATE SCHEMA budgets_v1;
                CREATE VIEW budgets_v1.budgets AS
                SELECT b."Id" AS budget_id,
                       b."CostCenter" AS cost_center,
                       b."FiscalQuarter" AS fiscal_quarter,
                       b."Category" AS category,
                       b."Amount" AS amount
                FROM public.budgets b;
                """);

            migrationBuilder.Sql("""
                CREATE SCHEMA cost_center_actuals_v1;
                CREATE TABLE cost_center_actuals_v1.actuals (
                    cost_center character varying(20) NOT NULL,
                    fiscal_quarter character varying(7) NOT NULL,
                    budget numeric(14,2) NOT NULL,
                    expenses numeric(14,2) NOT NULL,
                    payroll numeric(14,2) NOT NULL,
                    remaining numeric(14,2) NOT NULL,
                    CONSTRAINT pk_actuals PRIMARY KEY (cost_center, fiscal_quarter)
                );
                WITH quarters AS (
                    SELECT "CostCenter" AS cost_center, "FiscalQuarter" AS fiscal_quarter FROM public.budgets
                    UNION SELECT "CostCenter", to_char("SpentOn", 'YYYY-"Q"Q') FROM public.expenses
                    UNION SELECT "CostCenter", to_char("FromMonth", 'YYYY-"Q"Q') FROM public.payroll_lines
                    UNION SELECT "CostCenter", to_char("ToMonth", 'YYYY-"Q"Q') FROM public.payroll_lines WHERE "ToMonth" IS NOT NULL
                ),
                bounds AS (
                    SELECT q.cost_center, q.fiscal_quarter, f.first_month, (f.first_month + interval '2 months')::date AS last_month
                    FROM quarters q
                    JOIN public.cost_centers c ON c."Code" = q.cost_center
                    CROSS JOIN LATERAL (SELECT make_date(left(q.fiscal_quarter, 4)::int, (right(q.fiscal_quarter, 1)::int - 1) * 3 + 1, 1) AS first_month) f
                ),
                figures AS (
                    SELECT b.cost_center, b.fiscal_quarter,
                           (SELECT coalesce(sum(x."Amount"), 0) FROM public.budgets x
                            WHERE x."CostCenter" = b.cost_center AND x."FiscalQuarter" = b.fiscal_quarter) AS budget,
                           (SELECT coalesce(sum(x."Amount"), 0) FROM public.expenses x
                            WHERE x."CostCenter" = b.cost_center AND x."SpentOn" >= b.first_month AND x."SpentOn" < b.last_month + interval '1 month') AS expenses,
                           (SELECT coalesce(sum(l."MonthlyAmount" * (
                                       (extract(year FROM age(least(coalesce(l."ToMonth", b.last_month), b.last_month), greatest(l."FromMonth", b.first_month))) * 12
                                        + extract(month FROM age(least(coalesce(l."ToMonth", b.last_month), b.last_month), greatest(l."FromMonth", b.first_month)))) + 1)), 0)
                            FROM public.payroll_lines l
                            WHERE l."CostCenter" = b.cost_center AND l."FromMonth" <= b.last_month AND (l."ToMonth" IS NULL OR l."ToMonth" >= b.first_month)) AS payroll
                    FROM bounds b
                )
                INSERT INTO cost_center_actuals_v1.actuals (cost_center, fiscal_quarter, budget, expenses, payroll, remaining)
                SELECT cost_center, fiscal_quarter, budget, expenses, payroll, budget - expenses - payroll FROM figures;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP SCHEMA cost_center_actuals_v1 CASCADE;");
            migrationBuilder.Sql("DROP SCHEMA budgets_v1 CASCADE;");
            migrationBuilder.Sql("GRANT USAGE ON SCHEMA public TO PUBLIC;");
        }
    }
}
