using System.Collections.Immutable;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// The text of a user message written as content parts, for <see cref="OneUserMessageRequests"/>: vision features send
    /// the instruction as the one text part beside an image (review72 S-4:
    /// <c>new UserChatMessage(ChatMessageContentPart.CreateTextPart("Describe this receipt and list every item as JSON ..."),
    /// ChatMessageContentPart.CreateImagePart(bytes, "image/png"))</c>, or Microsoft.Extensions.AI's
    /// <c>new ChatMessage(ChatRole.User, [new TextContent("..."), new DataContent(bytes, "image/png")])</c>). Such a message
    /// is, for its text, the one-text user message of a single-turn request, so its text is judged by the same test
    /// (<see cref="SingleTurnInstruction"/>).
    /// </summary>
    /// <remarks>
    /// The parts are read as the code writes them (a params list, an array, a collection expression or initializer, or a
    /// local list the method adds to; parts held in locals are followed to where they are created): exactly one text part
    /// (OpenAI's <c>CreateTextPart</c>, <c>new TextContent(...)</c>), every other part an image, file or audio part
    /// (<c>CreateImagePart</c>, <c>CreateFilePart</c>, <c>CreateInputAudioPart</c>; a <c>DataContent</c>, <c>UriContent</c>
    /// or <c>HostedFileContent</c>). Two text parts, a refusal part, or a part the code does not show (a parameter, a
    /// factory of the project) leave the message unread: which text carries the instruction is then not known.
    /// </remarks>
    internal sealed class UserMessageTextParts
    {
        private readonly Compilation compilation;
        private readonly INamedTypeSymbol? openAIPart;
        private readonly INamedTypeSymbol? meaiContent;
        private readonly INamedTypeSymbol? meaiText;
        private readonly ImmutableArray<INamedTypeSymbol> meaiMedia;

        public UserMessageTextParts(Compilation compilation)
        {
            this.compilation = compilation;
            openAIPart = compilation.GetTypeByMetadataName("OpenAI.Chat.ChatMessageContentPart");
            meaiContent = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.AIContent");
            meaiText = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.TextContent");
            var media = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
            foreach (var name in new[] { "Microsoft.Extensions.AI.DataContent", "Microsoft.Extensions.AI.UriContent", "Microsoft.Extensions.AI.HostedFileContent" })
            {
                if (compilation.GetTypeByMetadataName(name) is { } type)
                {
                    media.Add(type);
                }
            }

            meaiMedia = media.ToImmutable();
        }

        /// <summary>The text of the one text part among the message's content parts (<paramref name="arguments"/> of its creation or factory), or null.</summary>
        public IOperation? OnlyText(ImmutableArray<IArgumentOperation> arguments)
        {
            foreach (var argument in arguments)
            {
                if (argument.ArgumentKind != ArgumentKind.DefaultValue && argument.Parameter is { } parameter && CarriesParts(parameter.Type))
                {
                    return OnlyText(BodyCollections.Elements(argument.Value, compilation, CancellationToken.None));
                }
            }

            return null;
        }

        private IOperation? OnlyText(System.Collections.Generic.List<IOperation> parts)
        {
            IOperation? text = null;
            foreach (var written in parts)
            {
                var part = OperationValues.Trace(written, compilation, CancellationToken.None);
                if (TextOf(part) is { } partText)
                {
                    if (text is not null)
                    {
                        return null;
                    }

                    text = partText;
                }
                else if (!IsMedia(part))
                {
                    return null;
                }
            }

            return text;
        }

        /// <summary>A list of content parts: an array, or a generic collection of OpenAI's part type or of AIContent.</summary>
        private bool CarriesParts(ITypeSymbol type)
        {
            var element = type switch
            {
                IArrayTypeSymbol array => array.ElementType,
                INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } generic => generic.TypeArguments[0],
                _ => null,
            };

            return element is INamedTypeSymbol named && (KnownPromptSymbols.Is(named, openAIPart) || KnownPromptSymbols.Is(named, meaiContent));
        }

        /// <summary>The text given to <c>ChatMessageContentPart.CreateTextPart(text)</c> or <c>new TextContent(text)</c>.</summary>
        private IOperation? TextOf(IOperation part) =>
            part switch
            {
                IInvocationOperation { TargetMethod: { IsStatic: true, Name: "CreateTextPart" } factory, Arguments.Length: 1 } call
                    when KnownPromptSymbols.Is(factory.ContainingType, openAIPart) => call.Arguments[0].Value,
                IObjectCreationOperation { Arguments.Length: 1, Initializer: null } creation
                    when KnownPromptSymbols.Is(creation.Type as INamedTypeSymbol, meaiText) => creation.Arguments[0].Value,
                _ => null,
            };

        /// <summary>An image, file or audio part the code creates (not a text or refusal part).</summary>
        private bool IsMedia(IOperation part)
        {
            if (part is IInvocationOperation { TargetMethod: { IsStatic: true } factory })
            {
                return KnownPromptSymbols.Is(factory.ContainingType, openAIPart)
                    && factory.Name is "CreateImagePart" or "CreateFilePart" or "CreateInputAudioPart";
            }

            if (part is not IObjectCreationOperation { Type: INamedTypeSymbol created })
            {
                return false;
            }

            for (var type = created; type is not null; type = type.BaseType)
            {
                foreach (var media in meaiMedia)
                {
                    if (KnownPromptSymbols.Is(type, media))
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
