namespace DataMesh.Catalog.Discovery;

/// <summary>
/// The layout of a product's lineage as an SVG drawing: upstream products in the left column, the product in
/// the middle, downstream products on the right, an arrow for each input port.
/// </summary>
public sealed class LineageDiagram
{
    public const int NodeWidth = 220;
    public const int NodeHeight = 44;
    private const int ColumnGap = 90;
    private const int RowGap = 20;
    private const int Margin = 10;

    public LineageDiagram(ProductFacts facts)
    {
        var rows = Math.Max(1, Math.Max(facts.Upstream.Count, facts.Downstream.Count));
        Height = Margin * 2 + rows * NodeHeight + (rows - 1) * RowGap;
        Width = Margin * 2 + 3 * NodeWidth + 2 * ColumnGap;
        var center = new LineageNode(facts.Id, facts.Name, Column(1), (Height - NodeHeight) / 2, true, true);
        var upstream = facts.Upstream.Select((link, i) => new LineageNode(link.DataProductId, link.Name ?? "not registered", Column(0), Row(i, facts.Upstream.Count), link.Registered, false)).ToList();
        var downstream = facts.Downstream.Select((link, i) => new LineageNode(link.DataProductId, link.Name ?? "", Column(2), Row(i, facts.Downstream.Count), true, false)).ToList();
        Nodes = [.. upstream, center, .. downstream];
        Edges =
        [
            .. upstream.Select((node, i) => new LineageEdge(node.X + NodeWidth, node.Y + NodeHeight / 2, center.X, center.Y + NodeHeight / 2, $"{facts.Upstream[i].ContractId} {facts.Upstream[i].ContractVersion}")),
            .. downstream.Select((node, i) => new LineageEdge(center.X + NodeWidth, center.Y + NodeHeight / 2, node.X, node.Y + NodeHeight / 2, $"{facts.Downstream[i].ContractId} {facts.Downstream[i].ContractVersion}")),
        ];
    }

    public int Width { get; }

    public int Height { get; }

    public IReadOnlyList<LineageNode> Nodes { get; }

    public IReadOnlyList<LineageEdge> Edges { get; }

    private static int Column(int column) => Margin + column * (NodeWidth + ColumnGap);

    private int Row(int index, int count)
    {
        var block = count * NodeHeight + (count - 1) * RowGap;
        return (Height - block) / 2 + index * (NodeHeight + RowGap);
    }
}

/// <summary>A product box in the lineage drawing.</summary>
public sealed record LineageNode(string Id, string Name, int X, int Y, bool Registered, bool IsSubject);

/// <summary>An arrow from an upstream product to its consumer, labelled with the contract version it reads.</summary>
public sealed record LineageEdge(int X1, int Y1, int X2, int Y2, string Contract);
