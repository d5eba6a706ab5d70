using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

public static class GeneratedSecretExtensions
{
    /// <summary>
    /// A secret parameter the AppHost generates (256 bits of letters and digits) and keeps in user secrets, unless set
    /// with <c>--Parameters:{name}=...</c>: the mesh's keys, credentials and tokens.
    /// </summary>
    public static IResourceBuilder<ParameterResource> AddGeneratedSecret(this IDistributedApplicationBuilder builder, [ResourceName] string name) =>
        builder.AddParameter(name, new GenerateParameterDefault { MinLength = 43, Special = false }, secret: true, persist: true);
}
