using Dashboard.Benchmarks;

return await BenchmarkCommand.Create().Parse(args).InvokeAsync();
