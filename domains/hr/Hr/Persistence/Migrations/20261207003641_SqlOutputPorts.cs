using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hr.Persistence.Migrations
{
    /// <summary>
    /// The SQL output ports (contracts hr.employees.tables and hr.headcount.tables): schema employees_v1 with a view
    /// over the employees, schema headcount_v1 with the headcount table the commands keep in their transaction
    /// (filled here from the employees already there). PUBLIC loses USAGE on public, so a consumer's role reaches
    /// the ports only, never the operational tables, the outbox or the inbox.
    /// </summary>
    public partial class SqlOutputPorts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("REVOKE ALL ON SCHEMA public FROM PUBLIC;");

            migrationBuilder.Sql("""
                CREATE SCHEMA employees_v1;
                CREATE VIEW employees_v1.employees AS
                SELECT e."Id" AS employee_id,
                       e."Name" AS name,
                       e."Email" AS email,
                       e."BirthDate" AS birth_date,
                       e."Title" AS title,
                       d."Name" AS department,
                       d."CostCenter" AS cost_center,
                       e."MonthlySalary" AS monthly_salary,
                       e."HiredOn" AS hired_on,
                       e."Status" AS status,
                       e."LastDay" AS last_day,
                       e."TerminationReason" AS termination_reason
                FROM public.employees e
                JOIN public.departments d ON d."Id" = e."DepartmentId";
                """);

            migrationBuilder.Sql("""
                CREATE SCHEMA headcount_v1;
                CREATE TABLE headcount_v1.headcount (
                    department character varying(100) NOT NULL,
                    month character varying(7) NOT NULL,
                    headcount integer NOT NULL,
                    hires integer NOT NULL,
                    leavers integer NOT NULL,
                    CONSTRAINT pk_headcount PRIMARY KEY (department, month)
                );
                INSERT INTO headcount_v1.headcount (department, month, headcount, hires, leavers)
                SELECT d."Name",
                       to_char(m.first_day, 'YYYY-MM'),
                       (SELECT count(*) FROM public.employees e
                        WHERE e."DepartmentId" = d."Id" AND e."HiredOn" <= m.last_day AND (e."LastDay" IS NULL OR e."LastDay" >= m.last_day)),
                       (SELECT count(*) FROM public.employees e
                        WHERE e."DepartmentId" = d."Id" AND e."HiredOn" BETWEEN m.first_day AND m.last_day),
                       (SELECT count(*) FROM public.employees e
                        WHERE e."DepartmentId" = d."Id" AND e."LastDay" BETWEEN m.first_day AND m.last_day)
                FROM public.departments d
                CROSS JOIN LATERAL (
                    SELECT DISTINCT date_trunc('month', changed)::date AS first_day,
                           (date_trunc('month', changed) + interval '1 month - 1 day')::date AS last_day
                    FROM public.employees e, LATERAL (VALUES (e."HiredOn"), (e."LastDay")) AS changes(changed)
                    WHERE e."DepartmentId" = d."Id" AND changed IS NOT NULL
                ) m;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP SCHEMA headcount_v1 CASCADE;");
            migrationBuilder.Sql("DROP SCHEMA employees_v1 CASCADE;");
            migrationBuilder.Sql("GRANT USAGE ON SCHEMA public TO PUBLIC;");
        }
    }
}
