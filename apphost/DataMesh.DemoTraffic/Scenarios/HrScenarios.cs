using System.Globalization;

namespace DataMesh.DemoTraffic.Scenarios;

/// <summary>HR hires, gives raises and moves people, and sees some leave.</summary>
public sealed class HireEmployee : IScenario
{
    public string Name => "hr: hire";

    public int Weight => 4;

    public async Task<int?> RunAsync(MeshClient mesh, Random random, CancellationToken cancellationToken)
    {
        var departments = (await mesh.GetAsync("/api/hr/departments", cancellationToken)).EnumerateArray().ToList();
        if (departments.Count == 0)
        {
            return null;
        }

        var (name, email) = PeopleNames.Next(random);
        using var response = await mesh.SendAsync(HttpMethod.Post, "/api/hr/employees", new
        {
            name,
            email,
            birthDate = new DateOnly(random.Next(1965, 2003), random.Next(1, 13), random.Next(1, 29)),
            title = "Specialist",
            departmentId = departments[random.Next(departments.Count)].GetProperty("id").GetGuid(),
            monthlySalary = random.Next(35, 90) * 100m,
            hiredOn = DateOnly.FromDateTime(DateTime.UtcNow),
        }, cancellationToken);
        return (int)response.StatusCode;
    }
}

public sealed class ChangeEmployee : IScenario
{
    public string Name => "hr: raise or move";

    public int Weight => 3;

    public async Task<int?> RunAsync(MeshClient mesh, Random random, CancellationToken cancellationToken)
    {
        if (await ActiveEmployees.PickAsync(mesh, random, cancellationToken) is not { } path)
        {
            return null;
        }

        var (employee, version) = await mesh.GetWithVersionAsync(path, cancellationToken);
        var raise = Math.Round(employee.GetProperty("monthlySalary").GetDecimal() * 1.03m, 2);
        using var response = await mesh.SendAsync(HttpMethod.Patch, path, new { monthlySalary = raise, effectiveOn = DateOnly.FromDateTime(DateTime.UtcNow) }, cancellationToken, version);
        return (int)response.StatusCode;
    }
}

public sealed class TerminateEmployee : IScenario
{
    public string Name => "hr: terminate";

    public int Weight => 1;

    public async Task<int?> RunAsync(MeshClient mesh, Random random, CancellationToken cancellationToken)
    {
        if (await ActiveEmployees.PickAsync(mesh, random, cancellationToken) is not { } path)
        {
            return null;
        }

        var (_, version) = await mesh.GetWithVersionAsync(path, cancellationToken);
        using var response = await mesh.SendAsync(
            HttpMethod.Post, $"{path}/termination", new { reason = "resignation", lastDay = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(14) }, cancellationToken, version);
        return (int)response.StatusCode;
    }
}

internal static class ActiveEmployees
{
    /// <summary>The path of a random active employee, or null when there is none.</summary>
    public static async Task<string?> PickAsync(MeshClient mesh, Random random, CancellationToken cancellationToken)
    {
        var first = await mesh.GetAsync("/api/hr/employees?status=active&pageSize=1", cancellationToken);
        var total = first.GetProperty("totalCount").GetInt32();
        if (total == 0)
        {
            return null;
        }

        var page = await mesh.GetAsync(string.Create(CultureInfo.InvariantCulture, $"/api/hr/employees?status=active&pageSize=1&page={random.Next(1, total + 1)}"), cancellationToken);
        return page.GetProperty("items").EnumerateArray().Select(e => $"/api/hr/employees/{e.GetProperty("id").GetGuid()}").FirstOrDefault();
    }
}
