using SupportAssistant.Retry;

namespace SupportAssistant;

/// <summary>Registers the assistant's services. Each feature area adds itself here.</summary>
public static partial class ServiceRegistration
{
    public static IServiceCollection AddSupportAssistant(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddLlmServices(configuration);
        services.AddToolAssistants(configuration);
        services.AddSingleton<SupportAssistant.Schema.TriageService>();
        return services;
    }

    public static WebApplication MapSupportEndpoints(this WebApplication app)
    {
        return app;
    }
}
