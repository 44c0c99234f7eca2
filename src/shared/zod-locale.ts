import { z } from 'zod'

// Validation messages a Russian-speaking operator or integrator can read, on both sides of the API.
z.config(z.locales.ru())
