using DataMesh.Contracts;

namespace DataMesh.DataProducts.Tests.Quality;

/// <summary>
/// A small contract whose schema object is a table (<c>employees</c>) with a property <c>email</c> (column
/// <c>Email</c>) and a property <c>status</c> (column <c>Status</c>), into which a test writes quality rules. The property's rules start on
/// line 25, the object's three lines after them (after <c>status</c>'s, when it has none), each rule's first field at column 13
/// (property) or 9 (object).
/// </summary>
internal static class QualityContracts
{
    public const string File = "hr/employees.odcs.yaml";

    public static string Yaml(string emailRules, string objectRules = DefaultObjectRules, string statusRules = "") => $"""
        apiVersion: v3.1.0
        kind: DataContract
        id: hr.employees.rows
        version: 1.0.0
        status: active
        domain: hr
        dataProduct: hr.employees
        description:
          purpose: The employees table.
          usage: Read it through the query endpoint.
          limitations: None.
        schema:
          - name: employees
            logicalType: object
            physicalType: table
            physicalName: employees
            properties:
              - name: email
                description: Work e-mail address.
                logicalType: string
                physicalName: Email
                required: true
                classification: confidential
                quality:
        {Indent(emailRules, 10)}      - name: status
                description: Whether they still work here.
                logicalType: string
                physicalName: Status
                required: true
                classification: internal
                quality:
        {Indent(statusRules, 10)}    quality:
        {Indent(objectRules, 0)}slaProperties:
          - property: freshness
            value: 5
            unit: s
          - property: latency
            value: 1
            unit: s
          - property: retention
            value: 7
            unit: y
        servers:
          - server: events
            type: kafka
            host: kafka
            format: json
          - server: api
            type: api
            location: /api/hr/employees

        """;

    public const string DefaultObjectRules = "      - metric: rowCount\n        mustBeGreaterThan: 0\n";

    /// <summary>Reads the contract as valid ODCS (rules are part of validity); a contract of a table alone has no event type, which is the mesh's governance, not checked here.</summary>
    public static DataContract Read(string emailRules, string objectRules = DefaultObjectRules, string statusRules = "") =>
        DataProductCatalogueLoader.ReadContract(File, Yaml(emailRules, objectRules, statusRules));

    /// <summary>The problems reading reports, as the tools print them.</summary>
    public static IReadOnlyList<string> Errors(string emailRules, string objectRules = DefaultObjectRules) =>
        Assert.Throws<DataProductDefinitionException>(() => Read(emailRules, objectRules)).Errors.Select(e => e.ToString()).ToList();

    /// <summary>The findings of governance rule quality on a contract read as valid ODCS, as the tools print them.</summary>
    public static IReadOnlyList<string> Findings(string emailRules, string objectRules = DefaultObjectRules) =>
        MeshGovernance.Check(Read(emailRules, objectRules)).Where(f => f.Rule == MeshGovernance.QualityRules).Select(f => f.ToString()).ToList();

    private static string Indent(string lines, int spaces) =>
        string.Concat(lines.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => new string(' ', spaces) + line + "\n"));
}
