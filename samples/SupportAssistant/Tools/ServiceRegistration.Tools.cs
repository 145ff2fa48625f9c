using SupportAssistant.Tools;

namespace SupportAssistant;

/// <summary>The tool-using assistants (wire with <c>services.AddToolAssistants(configuration)</c>).</summary>
public static partial class ServiceRegistration
{
    public static IServiceCollection AddToolAssistants(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<McpServerSettings>(configuration.GetSection("Mcp"));
        services.AddSingleton<McpToolAssistant>();
        services.AddSingleton<HandBuiltToolAssistant>();
        return services;
    }
}
