using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace SupportAssistant.Spans;

/// <summary>A chat turn as the browser posts it; <see cref="SentAt"/> is read from the user's machine clock.</summary>
public sealed record ChatTurnRequest(string ConversationId, string Text, DateTimeOffset SentAt);

/// <summary>
/// Records each chat turn as a server span. Wire it with <c>app.MapChatTurnEndpoints();</c> in Program.cs.
/// </summary>
public static class ChatTurnEndpoints
{
    private static readonly ActivitySource Source = new("SupportAssistant.ChatTurns");
    private static readonly TimeProvider Clock = TimeProvider.System;

    public static IEndpointRouteBuilder MapChatTurnEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/chat/turns", ([FromBody] ChatTurnRequest turn) =>
        {
            var receivedAt = DateTime.Now;

            // The span "starts" when the user's laptop thinks it sent the message: minutes off on a skewed clock.
            using var activity = Source.StartActivity("chat.turn", ActivityKind.Server, default(ActivityContext),
                startTime: turn.SentAt); // expect AIL0101
            activity?.SetTag("conversation.id", turn.ConversationId);

            using var queued = Source.StartActivity("chat.turn.queued");
            // Kind Local: SetStartTime ignores it and the queue span keeps a Duration of 0.
            queued?.SetStartTime(receivedAt); // expect AIL0102

            return Results.Accepted($"/chat/turns/{turn.ConversationId}", new { turn.ConversationId, queuedAt = Clock.GetUtcNow() });
        });

        return app;
    }
}
