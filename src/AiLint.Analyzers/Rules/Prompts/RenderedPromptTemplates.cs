using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// Semantic Kernel's template engine used on its own: <c>factory.Create(new PromptTemplateConfig(template:
    /// query)).RenderAsync(kernel, args)</c> (<c>IPromptTemplateFactory</c>, <c>IPromptTemplate</c>). A
    /// <c>PromptTemplateConfig</c> is a prompt slot because the APIs that take one send its template to a model
    /// (<c>CreateFunctionFromPrompt</c>, an agent); a config that only goes to a template factory is rendered into a
    /// string at run time, which the app may use as a vector-store search query or not at all (review65 FP1,
    /// DmitryLukyanov/AiTelegramBot). There the config is not a slot by itself; the rendered string is one only where it
    /// reaches a slot, and then its template is the prompt (<see cref="TemplateOfRendered"/>), as a template filled with
    /// <c>Replace</c> is.
    /// </summary>
    internal sealed class RenderedPromptTemplates
    {
        private readonly INamedTypeSymbol? factory;
        private readonly INamedTypeSymbol? factoryExtensions;
        private readonly INamedTypeSymbol? template;
        private readonly INamedTypeSymbol? config;

        public RenderedPromptTemplates(Compilation compilation)
        {
            factory = compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.IPromptTemplateFactory");
            factoryExtensions = compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.PromptTemplateFactoryExtensions");
            template = compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.IPromptTemplate");
            config = compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.PromptTemplateConfig");
        }

        /// <summary>
        /// Whether the config <paramref name="creation"/> builds goes only to a template factory
        /// (<c>factory.Create(config)</c>, <c>factory.TryCreate(config, out var t)</c>): written as that call's argument, or
        /// held in a local whose every read is such an argument or sets one of the config's members.
        /// </summary>
        public bool IsOnlyRendered(IObjectCreationOperation creation)
        {
            if (factory == null)
            {
                return false;
            }

            var use = Outermost(creation);
            if (IsFactoryArgument(use))
            {
                return true;
            }

            return use.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }
                && EveryReadIsRendered(declarator.Symbol, declarator.Syntax, creation.SemanticModel);
        }

        /// <summary>
        /// The template of text a factory rendered: <c>await factory.Create(new PromptTemplateConfig(template)).RenderAsync(...)</c>,
        /// the config or the created template possibly held in a local first. Null for anything else.
        /// </summary>
        public IOperation? TemplateOfRendered(IOperation value, System.Func<ILocalSymbol, IOperation?> localInitializer)
        {
            if (factory == null
                || !(KnownPromptSymbols.Unwrap(value) is IAwaitOperation awaited)
                || !(KnownPromptSymbols.Unwrap(awaited.Operation) is IInvocationOperation render && render.TargetMethod.Name == "RenderAsync"
                    && Implements(render.TargetMethod.ContainingType, template)
                    && render.Instance != null)
                || !(Through(render.Instance, localInitializer) is IInvocationOperation created && IsFactoryCreate(created.TargetMethod)))
            {
                return null;
            }

            foreach (var argument in created.Arguments)
            {
                if (argument.Parameter?.Name == "templateConfig" && Through(argument.Value, localInitializer) is IObjectCreationOperation configCreation)
                {
                    return TemplateOf(configCreation);
                }
            }

            return null;
        }

        /// <summary>The template a config creation is given: <c>new PromptTemplateConfig(template)</c> or <c>{ Template = ... }</c>.</summary>
        private IOperation? TemplateOf(IObjectCreationOperation creation)
        {
            if (!KnownPromptSymbols.Is(creation.Type as INamedTypeSymbol, config))
            {
                return null;
            }

            foreach (var argument in creation.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.Explicit && argument.Parameter?.Name == "template")
                {
                    return argument.Value;
                }
            }

            if (creation.Initializer != null)
            {
                foreach (var member in creation.Initializer.Initializers)
                {
                    if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { Name: "Template" } } } assignment)
                    {
                        return assignment.Value;
                    }
                }
            }

            return null;
        }

        /// <summary>The value itself, or the initializer of the local it reads (one that is not assigned again).</summary>
        private static IOperation? Through(IOperation value, System.Func<ILocalSymbol, IOperation?> localInitializer)
        {
            value = KnownPromptSymbols.Unwrap(value);
            return value is ILocalReferenceOperation local && localInitializer(local.Local) is { } initializer
                ? KnownPromptSymbols.Unwrap(initializer)
                : value;
        }

        private bool EveryReadIsRendered(ILocalSymbol local, SyntaxNode declarator, SemanticModel? model)
        {
            var scope = declarator.FirstAncestorOrSelf<SyntaxNode>(n => n is BlockSyntax || n is ArrowExpressionClauseSyntax || n is CompilationUnitSyntax);
            if (scope == null || model == null)
            {
                return false;
            }

            var reads = 0;
            foreach (var node in scope.DescendantNodes())
            {
                if (!(node is IdentifierNameSyntax id) || id.Identifier.ValueText != local.Name
                    || !(model.GetOperation(id) is ILocalReferenceOperation reference) || !SymbolEqualityComparer.Default.Equals(reference.Local, local))
                {
                    continue;
                }

                // `config.Template = prompt;`, `config.InputVariables.Add(...)`: configuring the object is not sending it.
                if (reference.Parent is IMemberReferenceOperation member && member.Instance == reference)
                {
                    continue;
                }

                if (!IsFactoryArgument(Outermost(reference)))
                {
                    return false;
                }

                reads++;
            }

            return reads > 0;
        }

        private static IOperation Outermost(IOperation operation)
        {
            while (operation.Parent is IConversionOperation || operation.Parent is IParenthesizedOperation)
            {
                operation = operation.Parent;
            }

            return operation;
        }

        private bool IsFactoryArgument(IOperation value) =>
            value.Parent is IArgumentOperation { Parameter: { Name: "templateConfig" } } argument
            && argument.Parent is IInvocationOperation invocation
            && IsFactoryCreate(invocation.TargetMethod);

        /// <summary><c>PromptTemplateFactoryExtensions.Create(factory, config)</c> or a factory's own <c>TryCreate(config, out template)</c>.</summary>
        private bool IsFactoryCreate(IMethodSymbol method) =>
            (method.Name == "Create" && KnownPromptSymbols.Is(method.ContainingType, factoryExtensions))
            || (method.Name == "TryCreate" && Implements(method.ContainingType, factory));

        private static bool Implements(INamedTypeSymbol? type, INamedTypeSymbol? contract)
        {
            if (type == null || contract == null)
            {
                return false;
            }

            if (KnownPromptSymbols.Is(type, contract))
            {
                return true;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (KnownPromptSymbols.Is(implemented, contract))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
