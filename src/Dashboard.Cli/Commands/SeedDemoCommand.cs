using System.Globalization;
using System.CommandLine;
using Dashboard.Core.Demo;
using Dashboard.Core.Persistence;
using Dashboard.Core.Pipeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Dashboard.Cli.Commands;

public static class SeedDemoCommand
{
    public static Command Create()
    {
        var defaults = new DemoOptions { EndDate = DateTime.UtcNow.Date };
        var customers = new Option<int>("--customers") { Description = "Number of demo customers.", DefaultValueFactory = _ => defaults.Customers };
        var products = new Option<int>("--products") { Description = "Number of demo products.", DefaultValueFactory = _ => defaults.Products };
        var days = new Option<int>("--days") { Description = "Days of shop history to simulate.", DefaultValueFactory = _ => defaults.Days };
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed makes the same shop.", DefaultValueFactory = _ => defaults.Seed };
        var endDate = new Option<DateTime?>("--end-date") { Description = "Last simulated day (UTC, yyyy-MM-dd); default today." };
        var skipPipeline = new Option<bool>("--skip-pipeline") { Description = "Do not run the pipeline after seeding." };

        var command = new Command("seed-demo", "Fill an empty database with a deterministic demo shop, then run the pipeline once.")
        {
            customers, products, days, seed, endDate, skipPipeline,
        };
        command.SetAction((parse, ct) => CliHost.RunAsync(parse, async (services, json, token) =>
        {
            var options = new DemoOptions
            {
                Customers = parse.GetValue(customers),
                Products = parse.GetValue(products),
                Days = parse.GetValue(days),
                Seed = parse.GetValue(seed),
                EndDate = (parse.GetValue(endDate) ?? DateTime.UtcNow).Date,
            };
            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(token);
            var contexts = services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
            var result = await CliHost.WithProgressAsync(json, "Seeding", async report =>
            {
                await using var db = await contexts.CreateDbContextAsync(token);
                return await new DemoDataGenerator().SeedAsync(db, options, new Progress<DemoProgress>(p => report(p.Stage, p.Fraction)), token);
            });

            var pipelineStatus = "skipped";
            if (!parse.GetValue(skipPipeline))
            {
                var job = services.GetRequiredService<PipelineJob>();
                var run = await CliHost.WithProgressAsync(json, "Pipeline", report =>
                    job.RunAsync("cli", new Progress<PipelineProgress>(p => report(p.Stage, p.Fraction)), token));
                pipelineStatus = run.Status.ToString();
            }

            if (json)
            {
                CliHost.WriteJson(new { result, pipeline = pipelineStatus });
            }
            else
            {
                var table = new Table().AddColumns("What", "Count");
                table.AddRow("Customers", $"{result.Customers:N0}");
                table.AddRow("Products", $"{result.Products:N0}");
                table.AddRow("Orders", $"{result.Orders:N0}");
                table.AddRow("Returns", $"{result.Returns:N0}");
                table.AddRow("Events", $"{result.Events:N0}");
                AnsiConsole.Write(table);
                AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Seeded in {result.Elapsed.TotalSeconds:0.0} s; pipeline: {pipelineStatus}.");
            }

            return 0;
        }, ct));
        return command;
    }
}
