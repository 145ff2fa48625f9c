using Anthropic;
using Microsoft.Extensions.AI;
using OpenAI.Chat;

namespace SupportAssistant.Retry;

/// <summary>Registers the retry-related services of the assistant.</summary>
public static class RetryServiceRegistration
{
    public static IServiceCollection AddLlmServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMemoryCache();
        // Where AiLint.Runtime keeps the first answer per idempotency key (the remedy AIL0001's fix applies); use a
        // shared cache (Redis, SQL Server) when several instances retry the same work.
        services.AddDistributedMemoryCache();
        services.AddSingleton(LlmResilience.CreatePipeline());
        services.AddSingleton(_ => new ChatClient("gpt-4o-mini", configuration["OpenAI:ApiKey"] ?? string.Empty)); // expect AIL0501
        services.AddSingleton<IAnthropicClient>(_ => new AnthropicClient { ApiKey = configuration["Anthropic:ApiKey"] });
        services.AddSingleton<IChatClient>(sp => sp.GetRequiredService<IAnthropicClient>().AsIChatClient("claude-haiku-4-5")); // expect AIL0501
        services.AddSingleton<ModelGateway>();
        services.AddSingleton<ReplyDrafter>();
        services.AddSingleton<TicketTriage>();
        services.AddSingleton<EscalationSummarizer>();
        services.AddSingleton<AgentReplyRetry>();
        services.AddSingleton<FollowUpWriter>();
        services.AddSingleton<NightlyDigest>();
        services.AddSingleton<LiveChatSession>();
        return services;
    }
}
