using Microsoft.AspNetCore.Http;

namespace DataMesh.DataProducts.Subscribing;

/// <summary>The route handler of input ports, whatever the domain's DbContext type.</summary>
public interface IInputPortDelivery
{
    Task<IResult> DeliverAsync(string dataProductId, string inputPort, HttpRequest request, CancellationToken cancellationToken);
}
