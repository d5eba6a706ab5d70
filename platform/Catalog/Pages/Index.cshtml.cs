using Microsoft.AspNetCore.Mvc.RazorPages;
using Npgsql;

namespace DataMesh.Catalog.Pages;

public sealed class IndexModel(NpgsqlDataSource dataSource) : PageModel
{
    public string Database { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select current_database()");
        Database = (string)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
