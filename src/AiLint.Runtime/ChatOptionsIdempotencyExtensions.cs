using System;
using Microsoft.Extensions.AI;

namespace AiLint.Runtime
{
    /// <summary>Gives a chat request its idempotency key.</summary>
    public static class ChatOptionsIdempotencyExtensions
    {
        /// <summary>
        /// Sets the request's idempotency key (the <see cref="IdempotentChatClient.KeyPropertyName"/> entry of
        /// <see cref="ChatOptions.AdditionalProperties"/>) and returns the options; creates them when
        /// <paramref name="options"/> is <see langword="null"/>. Create the key once per logical request, outside
        /// any retry: <c>$"reply:{ticket.Id}"</c>, or a GUID made before the retry starts.
        /// </summary>
        public static ChatOptions WithIdempotencyKey(this ChatOptions? options, string key)
        {
            RunOnce.ValidateKey(key);
            options ??= new ChatOptions();
            (options.AdditionalProperties ??= new AdditionalPropertiesDictionary())[IdempotentChatClient.KeyPropertyName] = key;
            return options;
        }

        /// <summary>The request's idempotency key, or <see langword="null"/> when it has none.</summary>
        public static string? GetIdempotencyKey(this ChatOptions? options) =>
            options?.AdditionalProperties is { } properties
            && properties.TryGetValue(IdempotentChatClient.KeyPropertyName, out var value)
            && value is string { Length: > 0 } key
                ? key
                : null;
    }
}
