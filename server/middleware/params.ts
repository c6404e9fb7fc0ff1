// Path parameters shared by routes.
import { z } from 'zod';

export const IdParam = z.object({ id: z.coerce.number().int().positive('must be a positive whole number') });
