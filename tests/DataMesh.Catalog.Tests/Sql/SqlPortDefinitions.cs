namespace DataMesh.Catalog.Tests.Sql;

/// <summary>HR's registration with a SQL port: the employees contract also served from a <c>postgres</c> server, with a table of it.</summary>
internal static class SqlPortDefinitions
{
    public const string Contract = "hr/employees.odcs.yaml";

    public const string Schema = "employees_v1";

    public static DataMesh.DataProducts.Registration.CatalogRegistrationRequest Hr() => Definitions.Hr()
        .Edit(Contract, "servers:\n", $"""
            servers:
              - server: employee-tables
                type: postgres
                host: postgres
                port: 5432
                database: hr
                schema: {Schema}

            """)
        .Edit(Contract, "schema:\n", """
            schema:
              - name: employees
                physicalType: table
                physicalName: employees
                logicalType: object
                description: One row per employee.
                properties:
                  - name: employeeId
                    physicalName: employee_id
                    logicalType: string
                    required: true
                    description: The employee.
                    classification: internal
                  - name: email
                    physicalName: email
                    logicalType: string
                    required: true
                    description: Work e-mail address.
                    classification: confidential
                    customProperties:
                      - property: pii
                        value: true

            """);
}
